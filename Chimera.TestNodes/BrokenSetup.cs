namespace Chimera.TestNodes;

/// <summary>A node whose setup always fails, as a missing device would.</summary>
public sealed class BrokenSetup : Node
{
    /// <summary>The message of the setup failure.</summary>
    public string Message { get; set; } = "device /dev/video9 not found";

    /// <inheritdoc />
    protected override void Setup() => throw new InvalidOperationException(Message);
}
