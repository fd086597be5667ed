namespace Chimera.Host.CommandLine;

/// <summary>
/// Decides which configuration keys hold secrets, so the command line never prints them: a key whose name contains
/// <c>secret</c>, <c>password</c> or <c>token</c> prints as <c>[redacted]</c>, as Orleans' option logger does with
/// <c>[Redact]</c>. Keys ending in <c>-env</c> are exempt: they name the environment variable that holds the secret.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>What a secret prints as.</summary>
    public const string Redacted = Chimera.Configuration.Hocon.Json.HoconJsonWriter.Redacted;

    /// <summary>The words that mark a key as secret.</summary>
    private static readonly string[] Words = ["secret", "password", "passwd", "token"];

    /// <summary>Whether a key's value must not be printed.</summary>
    /// <param name="key">One path element, e.g. <c>secret</c> or <c>secret-env</c>.</param>
    /// <returns>Whether to redact it.</returns>
    public static bool IsSecret(string key) =>
        !key.EndsWith("-env", StringComparison.OrdinalIgnoreCase)
        && Words.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether any element of a dotted path is secret, so <c>config get</c> redacts what <c>resolve</c> would.</summary>
    /// <param name="path">A path such as <c>chimera.manager.secret</c>.</param>
    /// <returns>Whether to redact the value at the path.</returns>
    public static bool IsSecretPath(string path) =>
        path.Split('.').Select(p => p.Trim('"')).Any(IsSecret);
}
