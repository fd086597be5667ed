namespace Chimera;

/// <summary>How far the collection of one worker's files is, reported to <see cref="Manager.CollectAsync"/>'s progress and as <c>collect-progress</c> events.</summary>
/// <param name="RunId">The run being collected.</param>
/// <param name="Worker">The worker whose files these are.</param>
/// <param name="Stage">What is happening.</param>
/// <param name="Bytes">Bytes transferred (or moved) so far.</param>
/// <param name="TotalBytes">The archive's size (or the folder's, for a move); 0 while unknown.</param>
/// <param name="Attempt">Which attempt this is, from 1.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record CollectProgress(string RunId, string Worker, CollectStage Stage, long Bytes, long TotalBytes, int Attempt, string Message);
