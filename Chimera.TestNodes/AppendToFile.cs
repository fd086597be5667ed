namespace Chimera.TestNodes;

/// <summary>A sink that appends each input's default record as a line to <see cref="Path"/>, flushing every line, so a test in another process can read what arrived.</summary>
public sealed class AppendToFile : Node
{
    private StreamWriter? _writer;

    /// <summary>The file to append to.</summary>
    public string Path { get; set; } = "";

    /// <inheritdoc />
    protected override void Setup() => _writer = new StreamWriter(Path, append: true) { AutoFlush = true };

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var name in inputs.Names)
        {
            _writer!.WriteLine($"{Context.WorkerName}:{inputs[name].GetRecord().Value}");
        }

        return null;
    }

    /// <inheritdoc />
    protected override void Teardown() => _writer?.Dispose();
}
