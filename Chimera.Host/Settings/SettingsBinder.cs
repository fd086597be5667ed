using System.Globalization;
using System.Reflection;
using Chimera.Configuration;
using Chimera.Configuration.Hocon;
using Chimera.Configuration.Hocon.Reading;
using Chimera.Pipelines.Internal;

namespace Chimera.Settings;

/// <summary>
/// Binds a HOCON section onto an options object, kebab-case key to PascalCase property
/// (<c>chimera.manager.heartbeat-interval</c> → <see cref="ManagerOptions.HeartbeatInterval"/>), with HOCON's durations
/// and sizes. The options' own setters validate; their complaints are reported with the key's file and line.
/// </summary>
/// <remarks>
/// The property lookup, the conversions and the setters' complaints are shared with the Generic Host's binder
/// (<c>ChimeraOptionsBinder</c>), so a seed file and <c>IConfiguration</c> accept the same keys and values, and a new
/// option property is picked up by both.
/// </remarks>
internal static class SettingsBinder
{
    /// <summary>What a setter's message says before its reason (<c>chimera.remote.buffer-capacity = 0 is invalid; …</c>).</summary>
    private const string InvalidMarker = " is invalid; ";

    /// <summary>Sets every key of a section that maps to a public settable property of the target.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="section">The section's path, e.g. <c>chimera.manager</c>.</param>
    /// <param name="target">The options object to fill.</param>
    /// <param name="skipped">Keys that intentionally have no property (read elsewhere, e.g. <c>secret-env</c>).</param>
    /// <exception cref="HoconException">A key has no property, or its value does not fit; every problem is listed.</exception>
    public static void Bind(HoconConfig config, string section, object target, IReadOnlyCollection<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(target);
        if (!config.HasPath(section))
        {
            return;
        }

        var problems = new List<(HoconOrigin Origin, string Message)>();
        foreach (var (key, value) in config.GetObject(section))
        {
            if (skipped?.Contains(key) == true)
            {
                continue;
            }

            var path = $"{section}.{key}";
            var property = PropertyFor(target.GetType(), key);
            if (property is null)
            {
                problems.Add((value.Origin, NotASetting(path)));
                continue;
            }

            try
            {
                if (TrySet(target, property, Read(value, property.PropertyType, path)) is { } reason)
                {
                    problems.Add((value.Origin, $"{path} = {ParameterKinds.Show(value)} is invalid; {reason}"));
                }
            }
            catch (HoconException e)
            {
                problems.Add((value.Origin, e.Reason));
            }
        }

        if (problems.Count > 0)
        {
            throw new HoconException(problems[0].Origin, string.Join(Environment.NewLine, problems.Select((p, i) => i == 0 ? p.Message : $"{p.Origin}: {p.Message}")));
        }
    }

    /// <summary>The public settable property a key names.</summary>
    /// <param name="type">The options type.</param>
    /// <param name="key">The key, e.g. <c>max-frame-size</c>.</param>
    /// <param name="anyCase">
    /// Whether the key may also be written without dashes and in any case (<c>MaxFrameSize</c>, <c>maxframesize</c>),
    /// as JSON, environment variables and the HOCON provider's aliases give it to <c>IConfiguration</c>. Seed files
    /// keep to the kebab spelling.
    /// </param>
    /// <returns>The property, or <see langword="null"/>.</returns>
    public static PropertyInfo? PropertyFor(Type type, string key, bool anyCase = false)
    {
        var property = anyCase
            ? type.GetProperty(key.Replace("-", string.Empty, StringComparison.Ordinal), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
            : type.GetProperty(ToPascal(key), BindingFlags.Public | BindingFlags.Instance);
        return property is { CanWrite: true, SetMethod.IsPublic: true } ? property : null;
    }

    /// <summary>Converts a kebab-case key to a PascalCase property name.</summary>
    /// <param name="key">For example <c>max-frame-size</c>.</param>
    /// <returns>For example <c>MaxFrameSize</c>.</returns>
    public static string ToPascal(string key) =>
        string.Concat(key.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>The message for a key that names no setting, the same from a file and from <c>IConfiguration</c>.</summary>
    /// <param name="path">The key's full path, e.g. <c>chimera.edge.capacty</c>.</param>
    /// <returns>The message.</returns>
    public static string NotASetting(string path) => $"{path} is not a setting; check the spelling against reference.conf.";

    /// <summary>Sets a property, letting its setter validate the value.</summary>
    /// <param name="target">The options object.</param>
    /// <param name="property">One of its properties.</param>
    /// <param name="value">The converted value.</param>
    /// <returns><see langword="null"/> when set; otherwise the setter's reason, as a sentence that follows "is invalid; ".</returns>
    public static string? TrySet(object target, PropertyInfo property, object? value)
    {
        try
        {
            property.SetValue(target, value);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
        {
            // Setters either name the key themselves ("chimera.remote.buffer-capacity = 0 is invalid; expected …") or use
            // the BCL guards ("PhiThreshold ('-1') must be …"); the caller names the key and value already, so keep only
            // the reason, without the "(Parameter 'value')" and "Actual value was" the BCL appends.
            var reason = inner.Message.Split(Environment.NewLine)[0].Split(" (Parameter '", 2)[0];
            var marker = reason.IndexOf(InvalidMarker, StringComparison.Ordinal);
            return (marker < 0 ? reason : reason[(marker + InvalidMarker.Length)..]).TrimEnd('.') + ".";
        }
    }

    /// <summary>Reads text as a property type, the way a quoted HOCON string of that text would be read.</summary>
    /// <param name="text">The text as given, e.g. by <c>IConfiguration</c>; never parsed as HOCON, so URLs stay whole.</param>
    /// <param name="type">The property type.</param>
    /// <param name="path">The text's path, for errors.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="HoconException">The text does not fit the type.</exception>
    public static object? Read(string text, Type type, string path) =>
        Read(new HoconScalar(HoconValueType.String, text, new HoconOrigin(path, 0, 0)), type, path);

    /// <summary>Reads a value as a property type.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The property type.</param>
    /// <param name="path">The value's path, for errors.</param>
    /// <returns>The converted value.</returns>
    /// <exception cref="HoconException">The value does not fit the type.</exception>
    public static object? Read(HoconValue value, Type type, string path)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (value.Type == HoconValueType.Null)
        {
            return !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                ? null
                : throw new HoconException(value.Origin, $"{path} cannot be null; give {ParameterKinds.Describe(type)}.");
        }

        return core switch
        {
            _ when core == typeof(string) => ValueReader.AsString(value, path),
            _ when core == typeof(bool) => ReadBoolean(value, path),
            _ when core == typeof(double) => ValueReader.AsDouble(value, path),
            _ when core == typeof(TimeSpan) => ReadDuration(value, path),
            _ when core == typeof(int) => ReadInt(value, path),
            _ when core == typeof(long) => ReadInteger(value, path),
            { IsEnum: true } => ReadEnum(value, core, path),
            _ => throw new HoconException(value.Origin, $"{path} has a type ({core.Name}) settings cannot be read as."),
        };
    }

    /// <summary>Reads a boolean as HOCON writes it (<c>true</c>, <c>yes</c>, <c>on</c>) or as .NET and JSON configuration do (<c>True</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The boolean.</returns>
    private static bool ReadBoolean(HoconValue value, string path) =>
        value is HoconScalar { Type: HoconValueType.String } scalar && bool.TryParse(scalar.Text.Trim(), out var parsed)
            ? parsed
            : ValueReader.AsBoolean(value, path);

    /// <summary>
    /// Reads a duration as HOCON writes it (<c>1s</c>, <c>250 ms</c>; a bare number is milliseconds) or as a quoted
    /// TimeSpan (<c>"00:00:03"</c>, what .NET configuration usually holds). Only text with a colon is read as a
    /// TimeSpan, because <see cref="TimeSpan.Parse(string, IFormatProvider)"/> reads a bare <c>1000</c> as days.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The duration.</returns>
    private static TimeSpan ReadDuration(HoconValue value, string path) =>
        value is HoconScalar { Type: HoconValueType.String } scalar && scalar.Text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(scalar.Text.Trim(), CultureInfo.InvariantCulture, out var span)
            ? span
            : TimeSpan.FromTicks(ValueReader.AsNanoseconds(value, path) / 100);

    /// <summary>Reads a 32-bit integer written plainly or as a size, refusing one that does not fit.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The integer.</returns>
    private static int ReadInt(HoconValue value, string path)
    {
        var result = ReadInteger(value, path);
        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw new HoconException(value.Origin, HoconMessages.IntOutOfRange(path, result));
    }

    /// <summary>Reads an integer written plainly or as a size (<c>64KiB</c>).</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The integer.</returns>
    private static long ReadInteger(HoconValue value, string path) =>
        value.Type == HoconValueType.String ? ValueReader.AsBytes(value, path) : ValueReader.AsLong(value, path);

    /// <summary>Reads an enum member written in kebab-case.</summary>
    /// <param name="value">The value.</param>
    /// <param name="type">The enum type.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The member.</returns>
    private static object ReadEnum(HoconValue value, Type type, string path)
    {
        var text = ValueReader.AsString(value, path).Replace("-", string.Empty, StringComparison.Ordinal);
        var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new HoconException(value.Origin, $"{path} = {ParameterKinds.Show(value)} is invalid; use one of: {KebabEnum.Names(type)}.");
        return Enum.Parse(type, name, ignoreCase: false);
    }
}
