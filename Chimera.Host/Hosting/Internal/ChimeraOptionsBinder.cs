using System.Globalization;
using Chimera.Configuration;
using Microsoft.Extensions.Configuration;

namespace Chimera.Hosting.Internal;

/// <summary>
/// Binds <see cref="ManagerOptions"/> and <see cref="WorkerOptions"/> from a configuration section (HOCON through
/// Chimera's provider, JSON, environment variables, …) with the same kebab keys as <c>chimera manager</c>/<c>chimera
/// worker</c> seed files. Hand-written rather than <c>ConfigurationBinder</c> because the binder parses TimeSpan with
/// <see cref="TimeSpan.Parse(string, IFormatProvider)"/> only, so the HOCON durations users write (<c>1s</c>,
/// <c>500ms</c>) would fail; here both forms work. Every bad key is reported at once, one line each.
/// </summary>
internal static class ChimeraOptionsBinder
{
    /// <summary>The environment variable holding the cluster secret when <c>secret-env</c> names none.</summary>
    public const string DefaultSecretVariable = "CHIMERA_SECRET";

    /// <summary>Fills <paramref name="options"/> from <paramref name="section"/> (the <c>chimera:manager</c> section).</summary>
    public static void Bind(IConfiguration section, ManagerOptions options)
    {
        var errors = new List<string>();
        var reader = new Reader(section, errors);
        reader.String("host", v => options.Host = v);
        reader.Int("port", v => options.Port = v);
        reader.String("log-directory", v => options.LogDirectory = v);
        reader.String("assembly-directory", v => options.AssemblyDirectory = v);
        reader.Duration("heartbeat-interval", v => options.HeartbeatInterval = v);
        reader.Double("phi-threshold", v => options.PhiThreshold = v);
        reader.Duration("acceptable-heartbeat-pause", v => options.AcceptableHeartbeatPause = v);
        reader.Secret(v => options.Secret = v);
        Throw(section, "manager", errors);
    }

    /// <summary>Fills <paramref name="options"/> from <paramref name="section"/> (the <c>chimera:worker</c> section).</summary>
    public static void Bind(IConfiguration section, WorkerOptions options)
    {
        var errors = new List<string>();
        var reader = new Reader(section, errors);
        reader.String("name", v => options.Name = v);
        reader.String("manager", v => options.ManagerUrl = v);
        reader.String("host", v => options.Host = v);
        reader.String("advertised-host", v => options.AdvertisedHost = v);
        reader.Int("control-port", v => options.ControlPort = v);
        reader.Int("data-port", v => options.DataPort = v);
        reader.String("log-directory", v => options.LogDirectory = v);
        reader.String("assembly-directory", v => options.AssemblyDirectory = v);
        reader.Duration("max-join-backoff", v => options.MaxJoinBackoff = v);
        reader.Secret(v => options.Secret = v);
        Throw(section, "worker", errors);
    }

    /// <summary>Parses a duration written as HOCON (<c>1s</c>, <c>250 ms</c>, <c>2 minutes</c>) or as a TimeSpan (<c>00:00:01</c>).</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        try
        {
            // The HOCON parser knows every unit HOCON allows, so a one-line document reuses it instead of a second grammar.
            value = HoconConfig.ParseString("d = " + text.Trim()).GetDuration("d");
            return true;
        }
        catch (HoconException)
        {
            return false;
        }
    }

    private static void Throw(IConfiguration section, string what, List<string> errors)
    {
        if (errors.Count > 0)
        {
            var path = section is IConfigurationSection s ? s.Path : "(root)";
            throw new InvalidOperationException(
                $"The Chimera {what} settings in '{path}' are invalid.{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    /// <summary>A culture-invariant parser of one kind of setting value.</summary>
    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>Reads one key in its kebab spelling or its dash-less alias (what the HOCON provider and PascalCase JSON give).</summary>
    private sealed class Reader(IConfiguration section, List<string> errors)
    {
        public void String(string key, Action<string> set)
        {
            if (Raw(key) is { } value)
            {
                Apply(key, value, () => set(value));
            }
        }

        public void Int(string key, Action<int> set) =>
            Typed(key, static (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value), "an integer", set);

        public void Double(string key, Action<double> set) =>
            Typed(key, static (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value), "a number", set);

        public void Duration(string key, Action<TimeSpan> set) =>
            Typed(key, TryParseDuration, "a duration such as 1s, 500ms or 00:00:01", set);

        /// <summary>The secret itself (<c>secret</c>, from a secret store or the environment) or the variable named by <c>secret-env</c>.</summary>
        public void Secret(Action<string> set)
        {
            if (Raw("secret") is { Length: > 0 } secret)
            {
                set(secret);
                return;
            }

            var variable = Raw("secret-env") ?? DefaultSecretVariable;
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
            {
                set(fromEnvironment);
            }
        }

        /// <summary>Parses the key's value when it is set: applies it, or records that it is not <paramref name="expected"/>.</summary>
        private void Typed<T>(string key, TryParse<T> parse, string expected, Action<T> set)
        {
            if (Raw(key) is not { } value)
            {
                return;
            }

            if (parse(value, out var parsed))
            {
                Apply(key, value, () => set(parsed));
            }
            else
            {
                Invalid(key, value, expected);
            }
        }

        private string? Raw(string key) => section[key] ?? section[key.Replace("-", string.Empty, StringComparison.Ordinal)];

        private void Apply(string key, string value, Action set)
        {
            try
            {
                set();
            }
            catch (ArgumentException ex)
            {
                // The options' own setters validate ranges; quote their reason without the parameter suffix.
                var reason = ex.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0].TrimEnd('.');
                errors.Add($"{PathOf(key)} = '{value}' is invalid; {reason}.");
            }
        }

        private void Invalid(string key, string value, string expected) =>
            errors.Add($"{PathOf(key)} = '{value}' is invalid; expected {expected}.");

        private string PathOf(string key) => section is IConfigurationSection s ? s.Path + ":" + key : key;
    }
}
