namespace Chimera.TestNodes;

/// <summary>
/// A sink that checks its long inputs arrive as 0, 1, 2, … exactly once and in order, and at teardown writes
/// <c>count=N ok=true|false first-error=...</c> to <see cref="Path"/>.
/// </summary>
public sealed class VerifySequence : Node
{
    private long _expected;
    private string? _error;

    /// <summary>Where the verdict is written at teardown.</summary>
    public string Path { get; set; } = "";

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        var value = inputs.Single.Get<long>();
        if (value != _expected && _error is null)
        {
            _error = $"expected {_expected}, got {value}";
        }

        _expected = value + 1;
        return null;
    }

    /// <inheritdoc />
    protected override void Teardown() =>
        File.WriteAllText(Path, $"count={_expected} ok={(_error is null ? "true" : "false")} first-error={_error}");
}
