namespace Chimera.Hosting.Internal;

/// <summary>
/// Remembers that <c>MapChimeraManager</c> put the control API into the host's own Kestrel pipeline, so the hosted
/// service does not open a second port, and under which path prefix workers reach it.
/// </summary>
internal sealed class ManagerEndpointMapping
{
    /// <summary>The path prefix (<c>/chimera</c>), or <see langword="null"/> while the control API is not mapped.</summary>
    public string? Prefix { get; set; }
}
