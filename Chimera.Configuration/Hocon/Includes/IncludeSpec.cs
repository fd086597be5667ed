namespace Chimera.Configuration.Hocon.Includes;

/// <summary>One parsed <c>include</c> statement.</summary>
/// <param name="Kind">How the resource is named.</param>
/// <param name="Name">The quoted name.</param>
/// <param name="Required">Whether it was wrapped in <c>required(...)</c>, making a missing resource an error.</param>
/// <param name="Origin">Where the statement is.</param>
internal sealed record IncludeSpec(IncludeKind Kind, string Name, bool Required, HoconOrigin Origin);
