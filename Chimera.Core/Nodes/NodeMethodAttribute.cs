namespace Chimera;

/// <summary>
/// Marks a public method of a node as callable by name while the graph runs (ChimeraPy's <c>@register</c>), e.g. to
/// change a parameter: <c>await manager.InvokeAsync("camera", "SetExposure", args)</c>. Arguments arrive as JSON and bind
/// to the parameters by name; the return value (or awaited result) goes back as JSON.
/// </summary>
/// <remarks>A call is serialized with the node's steps (never runs during one) unless <see cref="Concurrent"/> is set.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NodeMethodAttribute : Attribute
{
    /// <summary>Whether the method may run while a step is running (it must then be thread-safe). Defaults to false.</summary>
    public bool Concurrent { get; init; }
}
