namespace Chimera.Host.CommandLine;

/// <summary>How a run ended: its counters and where it was recorded.</summary>
/// <param name="Report">The final counters; its status says whether it completed.</param>
/// <param name="RunDirectory">The run's folder under the log directory, or <see langword="null"/> when none was made.</param>
internal sealed record RunOutcome(RunReport Report, string? RunDirectory);
