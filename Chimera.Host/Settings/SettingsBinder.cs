using System.Reflection;
using Chimera.Configuration;
using Chimera.Configuration.Hocon.Reading;
using Chimera.Pipelines.Internal;

namespace Chimera.Settings;

/// <summary>
/// Binds a HOCON section onto an options object, kebab-case key to PascalCase property
/// (<c>chimera.manager.heartbeat-interval</c> → <see cref="ManagerOptions.HeartbeatInterval"/>), with HOCON's durations
/// and sizes. The options' own setters validate; their complaints are reported with the key's file and line.
/// </summary>
internal static class SettingsBinder
{
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
                problems.Add((value.Origin, $"{path} is not a setting; check the spelling against reference.conf."));
                continue;
            }

            try
            {
                property.SetValue(target, Read(value, property.PropertyType, path));
            }
            catch (HoconException e)
            {
                problems.Add((value.Origin, e.Reason));
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException inner)
            {
                problems.Add((value.Origin, $"{path} = {ParameterKinds.Show(value)} is invalid: {inner.Message.Split(Environment.NewLine)[0]}"));
            }
        }

        if (problems.Count > 0)
        {
            throw new HoconException(problems[0].Origin, string.Join(Environment.NewLine, problems.Select((p, i) => i == 0 ? p.Message : $"{p.Origin}: {p.Message}")));
        }
    }

    /// <summary>The public settable property a kebab-case key names.</summary>
    /// <param name="type">The options type.</param>
    /// <param name="key">The key, e.g. <c>max-frame-size</c>.</param>
    /// <returns>The property, or <see langword="null"/>.</returns>
    public static PropertyInfo? PropertyFor(Type type, string key)
    {
        var pascal = ToPascal(key);
        var property = type.GetProperty(pascal, BindingFlags.Public | BindingFlags.Instance);
        return property is { CanWrite: true, SetMethod.IsPublic: true } ? property : null;
    }

    /// <summary>Converts a kebab-case key to a PascalCase property name.</summary>
    /// <param name="key">For example <c>max-frame-size</c>.</param>
    /// <returns>For example <c>MaxFrameSize</c>.</returns>
    public static string ToPascal(string key) =>
        string.Concat(key.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

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
            _ when core == typeof(bool) => ValueReader.AsBoolean(value, path),
            _ when core == typeof(double) => ValueReader.AsDouble(value, path),
            _ when core == typeof(TimeSpan) => TimeSpan.FromTicks(ValueReader.AsNanoseconds(value, path) / 100),
            _ when core == typeof(int) => checked((int)ReadInteger(value, path)),
            _ when core == typeof(long) => ReadInteger(value, path),
            { IsEnum: true } => ReadEnum(value, core, path),
            _ => throw new HoconException(value.Origin, $"{path} has a type ({core.Name}) settings cannot be read as."),
        };
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
