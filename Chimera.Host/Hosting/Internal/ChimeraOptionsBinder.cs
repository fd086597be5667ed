using System.Reflection;
using Chimera.Configuration;
using Chimera.Pipelines.Internal;
using Chimera.Settings;
using Microsoft.Extensions.Configuration;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Binds <see cref="ManagerOptions"/> and <see cref="WorkerOptions"/> (with its <see cref="WorkerOptions.Remote"/>
/// settings) from configuration sections (HOCON through Chimera's provider, JSON, environment variables, …) so that they
/// accept what <c>chimera manager</c>/<c>chimera worker</c> seed files accept: keys and conversions are
/// <see cref="SettingsBinder"/>'s, so every key of reference.conf works here and a new option property needs no edit.
/// Not <c>ConfigurationBinder</c>, because it reads TimeSpan only as <c>00:00:01</c> (users write <c>1s</c>), knows
/// no sizes (<c>4MiB</c>) or kebab keys, and ignores a misspelt key, which then silently keeps its default. Every bad
/// key is reported at once, one line each.
/// </summary>
internal static class ChimeraOptionsBinder
{
    /// <summary>The name of the worker section's sibling that holds the stream-reference settings (<c>chimera:remote</c>).</summary>
    public const string RemoteSectionName = "remote";

    /// <summary>Worker keys whose property has another name: <c>manager</c> is the manager's URL, as in seed files.</summary>
    private static readonly Dictionary<string, string> WorkerRenames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["manager"] = nameof(WorkerOptions.ManagerUrl),
    };

    /// <summary>Fills <paramref name="options"/> from <paramref name="section"/> (the <c>chimera:manager</c> section).</summary>
    /// <param name="section">The manager's section.</param>
    /// <param name="options">The options to fill.</param>
    /// <exception cref="InvalidOperationException">A key is unknown or holds an invalid value; every one is listed.</exception>
    public static void Bind(IConfiguration section, ManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        BindSection(section, options, errors);
        options.Secret ??= SecretVariables.Secret(Value(section, SecretVariables.SecretEnvKey));
        options.TlsCertificatePassword ??= SecretVariables.TlsPassword(Value(section, SecretVariables.TlsPasswordEnvKey));
        Throw(section, "manager", errors);
    }

    /// <summary>
    /// Fills <paramref name="options"/> from <paramref name="section"/> (the <c>chimera:worker</c> section) and its
    /// <see cref="WorkerOptions.Remote"/> settings from the sibling section in <paramref name="root"/> (<c>chimera:remote</c>).
    /// </summary>
    /// <param name="section">The worker's section.</param>
    /// <param name="options">The options to fill.</param>
    /// <param name="root">
    /// The configuration <paramref name="section"/> belongs to, to find its sibling in (a section cannot reach its
    /// root); <see langword="null"/> leaves the remote settings as they are.
    /// </param>
    /// <exception cref="InvalidOperationException">A key is unknown or holds an invalid value; every one is listed.</exception>
    public static void Bind(IConfiguration section, WorkerOptions options, IConfiguration? root = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        BindSection(section, options, errors, WorkerRenames);
        if (root is not null && RemotePath(section) is { } remote)
        {
            BindSection(root.GetSection(remote), options.Remote, errors);
        }

        options.Secret ??= SecretVariables.Secret(Value(section, SecretVariables.SecretEnvKey));
        options.TlsCertificatePassword ??= SecretVariables.TlsPassword(Value(section, SecretVariables.TlsPasswordEnvKey));
        Throw(section, "worker", errors);
    }

    /// <summary>The path of the remote settings next to a worker section: <c>chimera:worker</c> → <c>chimera:remote</c>.</summary>
    /// <param name="section">The worker's section.</param>
    /// <returns>The sibling's path, or <see langword="null"/> when <paramref name="section"/> is a root and has no siblings.</returns>
    public static string? RemotePath(IConfiguration section) => section is IConfigurationSection { Path: var path }
        ? ConfigurationPath.GetParentPath(path) is { } parent ? ConfigurationPath.Combine(parent, RemoteSectionName) : RemoteSectionName
        : null;

    /// <summary>Parses a duration written as HOCON (<c>1s</c>, <c>250 ms</c>, <c>2 minutes</c>) or as a TimeSpan (<c>00:00:01</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration, when the text is one.</param>
    /// <returns>Whether the text is a duration.</returns>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        try
        {
            value = (TimeSpan)SettingsBinder.Read(text, typeof(TimeSpan), "duration")!;
            return true;
        }
        catch (HoconException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>Sets every key of a section onto the public settable property it names, collecting what is wrong.</summary>
    /// <param name="section">The section.</param>
    /// <param name="target">The options object.</param>
    /// <param name="errors">Receives one line per bad key.</param>
    /// <param name="renames">Keys whose property has another name.</param>
    private static void BindSection(IConfiguration section, object target, List<string> errors, IReadOnlyDictionary<string, string>? renames = null)
    {
        // Chimera's HOCON provider gives each kebab key a dash-less alias (heartbeat-interval and heartbeatinterval), and
        // JSON may spell it HeartbeatInterval: bind each setting once, from its kebab spelling when it has one.
        foreach (var spellings in section.GetChildren().GroupBy(c => Compact(c.Key), StringComparer.OrdinalIgnoreCase))
        {
            if (SecretVariables.Keys.Any(k => string.Equals(Compact(k), spellings.Key, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var child = spellings.OrderByDescending(c => c.Key.Contains('-', StringComparison.Ordinal)).First();
            var property = SettingsBinder.PropertyFor(target.GetType(), renames?.GetValueOrDefault(spellings.Key) ?? child.Key, anyCase: true);
            if (property is null)
            {
                errors.Add(SettingsBinder.NotASetting(child.Path));
            }
            else if (child.Value is null && child.GetChildren().Any())
            {
                errors.Add($"{child.Path} is a section, not a value; check the nesting against reference.conf.");
            }
            else
            {
                BindValue(child, target, property, errors);
            }
        }
    }

    /// <summary>Converts one key's text and sets it, or records why it cannot be.</summary>
    /// <param name="key">The key.</param>
    /// <param name="target">The options object.</param>
    /// <param name="property">The property the key names.</param>
    /// <param name="errors">Receives the line for a bad value.</param>
    private static void BindValue(IConfigurationSection key, object target, PropertyInfo property, List<string> errors)
    {
        var text = key.Value;
        object? value = null;
        if (string.IsNullOrEmpty(text))
        {
            // No value (HOCON or JSON null, an empty variable): a property that may be null gets null; any other keeps
            // its default, as with ConfigurationBinder, rather than failing on reference.conf's "null means default".
            if (new NullabilityInfoContext().Create(property).WriteState != NullabilityState.Nullable)
            {
                return;
            }
        }
        else
        {
            try
            {
                // Text goes to the converter as a string, never through the HOCON parser: "http://host/chimera" would
                // otherwise lose everything after "//", which HOCON reads as a comment.
                value = SettingsBinder.Read(text, property.PropertyType, key.Path);
            }
            catch (HoconException)
            {
                errors.Add($"{key.Path} = '{text}' is invalid; expected {Expected(property.PropertyType)}.");
                return;
            }
        }

        if (SettingsBinder.TrySet(target, property, value) is { } reason)
        {
            errors.Add($"{key.Path} = '{text}' is invalid; {reason}");
        }
    }

    /// <summary>Says what a property type accepts, in the forms this binder reads.</summary>
    /// <param name="type">The property type.</param>
    /// <returns>For example <c>a duration such as 1s, 500ms or 00:00:01</c>.</returns>
    private static string Expected(Type type)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        return core switch
        {
            _ when core == typeof(TimeSpan) => "a duration such as 1s, 500ms or 00:00:01",
            _ when core == typeof(int) || core == typeof(long) => "an integer",
            _ when core == typeof(double) => "a number",
            _ when core == typeof(bool) => "true or false",
            { IsEnum: true } => $"one of {KebabEnum.Names(core)}",
            _ => $"a {core.Name}, which is set in code rather than in configuration",
        };
    }

    /// <summary>A key's value in its kebab spelling or its dash-less alias; configuration keys ignore case.</summary>
    /// <param name="section">The section.</param>
    /// <param name="key">The kebab key.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    private static string? Value(IConfiguration section, string key) => section[key] ?? section[Compact(key)];

    /// <summary>A key without dashes, which is how its spellings are compared.</summary>
    /// <param name="key">The key.</param>
    /// <returns>For example <c>heartbeatinterval</c>.</returns>
    private static string Compact(string key) => key.Replace("-", string.Empty, StringComparison.Ordinal);

    /// <summary>Throws one exception listing every bad key, if there is any.</summary>
    /// <param name="section">The section bound, named in the first line.</param>
    /// <param name="what">"manager" or "worker".</param>
    /// <param name="errors">One line per bad key.</param>
    private static void Throw(IConfiguration section, string what, List<string> errors)
    {
        if (errors.Count > 0)
        {
            var path = section is IConfigurationSection s ? s.Path : "(root)";
            throw new InvalidOperationException(
                $"The Chimera {what} settings in '{path}' are invalid.{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }
}
