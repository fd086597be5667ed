namespace Chimera.TestKit.Internal;

/// <summary>What a subscriber probe received: an element, the end of the stream, or a failure of the run.</summary>
/// <param name="Element">The element, or <see langword="null"/> for a terminal signal.</param>
/// <param name="Failure">The failure that ended the stream, or <see langword="null"/>.</param>
internal sealed record ProbeSignal(DataChunk? Element, NodeFailure? Failure)
{
    /// <summary>The normal end of the stream.</summary>
    public static ProbeSignal Completed { get; } = new(null, null);

    /// <summary>Whether this is the end of the stream (completion or failure).</summary>
    public bool IsTerminal => Element is null;
}
