namespace Chimera;

/// <summary>
/// An output addressed to one downstream node instead of all of them (ctapipe's <c>return (result, "NEXT_STEP")</c>).
/// Return it from a step, or pass its parts to <see cref="Node.EmitTo"/>.
/// </summary>
/// <param name="Target">The downstream node's name; must be one of <see cref="NodeContext.Downstream"/>.</param>
/// <param name="Value">The value or chunk to send.</param>
public sealed record Route(string Target, object? Value)
{
    /// <summary>Addresses <paramref name="value"/> to the downstream node <paramref name="target"/>.</summary>
    public static Route To(string target, object? value) => new(target, value);
}
