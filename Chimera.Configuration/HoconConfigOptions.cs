namespace Chimera.Configuration;

/// <summary>How HOCON text is parsed and resolved.</summary>
public sealed class HoconConfigOptions
{
    /// <summary>The options used when none are given.</summary>
    internal static HoconConfigOptions Default { get; } = new();

    /// <summary>
    /// Looks up an environment variable by name for a substitution the document does not set
    /// (<c>${HOME}</c>); returning <see langword="null"/> means "not set".
    /// </summary>
    /// <value>Defaults to <see langword="null"/>, which reads the process environment; tests inject a dictionary lookup instead.</value>
    public Func<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>The folder relative includes are resolved against when the text has no file of its own.</summary>
    /// <value>Defaults to <see langword="null"/>, meaning the current directory.</value>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Whether resolving substitutions waits until the first read, so that a document may refer to keys
    /// that only a fallback (see <see cref="HoconConfig.WithFallback"/>) provides, as Akka's reference.conf does.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: a missing substitution fails the parse.</value>
    public bool DeferResolution { get; init; }

    /// <summary>Reads an environment variable through <see cref="EnvironmentVariables"/> or the process.</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Its value, or <see langword="null"/> when unset.</returns>
    internal string? GetEnvironmentVariable(string name) =>
        EnvironmentVariables is { } lookup ? lookup(name) : Environment.GetEnvironmentVariable(name);
}
