using Chimera.Configuration.Hocon.Syntax;

namespace Chimera.Configuration.Hocon.Resolution;

/// <summary>
/// Unwinds resolution to the innermost substitution when a value is needed while it is being computed;
/// that substitution turns it into a <see cref="HoconException"/>, or into "undefined" if it is optional.
/// </summary>
internal sealed class ResolutionCycleException : Exception
{
    /// <summary>Creates the signal for the field whose value is needed while being computed.</summary>
    /// <param name="field">The field.</param>
    public ResolutionCycleException(FieldStack field)
        : base($"'{HoconPath.Render(field.Path)}' is needed while it is being resolved.") => Field = field;

    /// <summary>The field whose value is needed while being computed.</summary>
    public FieldStack Field { get; }
}
