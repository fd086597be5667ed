namespace Chimera.Tests.Pipelines;

/// <summary>Finds the checkout's root (the folder with Chimera.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Chimera.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Chimera.sln above {AppContext.BaseDirectory}.");
    }
}
