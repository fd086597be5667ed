using Chimera.Pipelines;

namespace Chimera.Tests.Pipelines;

/// <summary>Writes pipeline text to a temp folder, so tests load real files and errors name real paths.</summary>
internal sealed class PipelineFixture : IDisposable
{
    public PipelineFixture() => Directory = System.IO.Directory.CreateTempSubdirectory("chimera-pipeline-").FullName;

    public string Directory { get; }

    public string Write(string text, string name = "p.conf")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public Pipeline Load(string text, string name = "p.conf") => Pipeline.Load(Write(text, name));

    public PipelineException Reject(string text, string name = "p.conf") =>
        Assert.Throws<PipelineException>(() => Pipeline.Load(Write(text, name)));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
