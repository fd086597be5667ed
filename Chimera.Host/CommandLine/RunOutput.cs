namespace Chimera.Host.CommandLine;

/// <summary>Where <c>chimera run</c> writes: the report on standard output, failures on standard error.</summary>
/// <param name="Output">Receives the preview note, the report table and the run folder.</param>
/// <param name="Error">Receives the one-line failure.</param>
internal sealed record RunOutput(TextWriter Output, TextWriter Error);
