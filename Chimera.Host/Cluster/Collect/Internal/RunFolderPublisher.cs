using System.Formats.Tar;

namespace Chimera.Cluster.Collect;

/// <summary>
/// Puts a worker's files into the manager's run folder so that <c>runFolder/worker/</c> appears only when complete:
/// everything is first unpacked or moved into <c>runFolder/.worker.partial/</c>, then renamed in one step. A crash
/// leaves a dot-folder, never a half-filled worker folder.
/// </summary>
internal static class RunFolderPublisher
{
    /// <summary>The hidden folder a worker's files are assembled in.</summary>
    public static string PartialOf(string runFolder, string worker) => Path.Combine(runFolder, $".{worker}.partial");

    /// <summary>Unpacks <paramref name="archive"/> into a fresh <paramref name="partial"/> folder.</summary>
    public static async Task ExtractAsync(string archive, string partial, CancellationToken cancellationToken)
    {
        TryDelete(partial);
        Directory.CreateDirectory(partial);
        await using var input = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await TarFile.ExtractToDirectoryAsync(input, partial, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves <paramref name="source"/> into <paramref name="partial"/>: a rename on the same file system, else a copy
    /// followed by deleting the source (the copy is complete before anything is deleted).
    /// </summary>
    public static void Move(string source, string partial)
    {
        TryDelete(partial);
        try
        {
            Directory.Move(source, partial);
        }
        catch (IOException) when (Directory.Exists(source) && !Directory.Exists(partial))
        {
            // Another device: rename is impossible, so copy then delete.
            Copy(source, partial);
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>Renames the assembled folder to its final name, replacing an older copy only after the new one is in place.</summary>
    public static void Publish(string partial, string final)
    {
        if (!Directory.Exists(final))
        {
            Directory.Move(partial, final);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(final)!, $".{Path.GetFileName(final)}.old-{Guid.NewGuid():N}");
        Directory.Move(final, old);
        Directory.Move(partial, final);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>Deletes a file or folder if it is there, ignoring failures (used on the way out of a failed attempt).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover dot-folder or .incoming file never looks like a complete worker folder.
        }
    }

    /// <summary>How many files a folder holds and their total size.</summary>
    public static (int Files, long Bytes) Measure(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return (0, 0);
        }

        var files = new DirectoryInfo(folder).GetFiles("*", SearchOption.AllDirectories);
        return (files.Length, files.Sum(f => f.Length));
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}
