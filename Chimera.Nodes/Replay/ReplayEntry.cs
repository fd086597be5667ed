namespace Chimera.Nodes;

/// <summary>One recorded entry to play back: its original timestamp (null for text lines) and the value to emit.</summary>
internal readonly record struct ReplayEntry(DateTimeOffset? Timestamp, object? Value);
