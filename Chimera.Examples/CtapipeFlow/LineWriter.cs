using System.Globalization;

namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// ctapipe flow's consumer: appends every input it receives, from any upstream step, as one line of a text file. It
/// runs with the <see cref="TriggerMode.Each"/> trigger so no element of either input is skipped.
/// </summary>
public sealed class LineWriter : Node
{
    /// <summary>The open file, between setup and teardown.</summary>
    private StreamWriter? _writer;

    /// <summary>The file to write; created (or truncated) at setup. Defaults to <c>flow-output.txt</c>.</summary>
    public string Path { get; set; } = "flow-output.txt";

    /// <inheritdoc />
    protected override void Setup()
    {
        var full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        _writer = new StreamWriter(full, append: false);
    }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        foreach (var upstream in inputs.Names)
        {
            _writer!.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{upstream}: {inputs[upstream].GetRecord().Value}"));
        }

        return null;
    }

    /// <inheritdoc />
    protected override void Teardown()
    {
        // Teardown runs after the drain, so everything upstream produced is in the file when it closes.
        _writer?.Dispose();
        _writer = null;
    }
}
