using System.CommandLine;
using System.Globalization;
using Chimera.Configuration;
using Chimera.Settings;

namespace Chimera.Host.CommandLine;

/// <summary>
/// <c>chimera config resolve FILE</c> and <c>chimera config get FILE PATH</c>: show the effective configuration as the
/// runtime would read it (includes, substitutions and environment-variable fallbacks applied), with secrets redacted.
/// </summary>
internal static class ConfigCommand
{
    /// <summary>The conversions <c>config get --as</c> offers.</summary>
    private static readonly string[] Conversions = ["string", "ms", "ns", "bytes", "bool", "list"];

    /// <summary>Builds the <c>config</c> command with its sub-commands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = new Command("config", "Show configuration files as Chimera reads them.");
        config.Subcommands.Add(CreateResolve());
        config.Subcommands.Add(CreateGet());
        return config;
    }

    /// <summary>Builds <c>config resolve</c>.</summary>
    /// <returns>The command.</returns>
    private static Command CreateResolve()
    {
        var file = new Argument<string>("file") { Description = "The HOCON file to resolve." };
        var defaults = DefaultsOption();
        var resolve = new Command("resolve", "Print the fully resolved configuration as JSON (secrets redacted).");
        resolve.Arguments.Add(file);
        resolve.Options.Add(defaults);
        resolve.SetAction(parseResult =>
        {
            var config = Parse(parseResult, "config resolve", parseResult.GetValue(file)!, parseResult.GetValue(defaults), out var exit);
            if (config is null)
            {
                return exit;
            }

            return Guard(parseResult, "config resolve", parseResult.GetValue(file)!, () => CommandOutput.Out(parseResult).WriteLine(ConfigJson.Write(config.Root)));
        });
        return resolve;
    }

    /// <summary>Builds <c>config get</c>.</summary>
    /// <returns>The command.</returns>
    private static Command CreateGet()
    {
        var file = new Argument<string>("file") { Description = "The HOCON file to read." };
        var path = new Argument<string>("path") { Description = "The value's path, e.g. chimera.remote.buffer-capacity." };
        var conversion = new Option<string?>("--as") { Description = "Read the value as: string, ms or ns (a duration), bytes (a size), bool, or list (one element per line)." };
        conversion.AcceptOnlyFromAmong(Conversions);
        var defaults = DefaultsOption();
        var get = new Command("get", "Print one value of the resolved configuration.");
        get.Arguments.Add(file);
        get.Arguments.Add(path);
        get.Options.Add(conversion);
        get.Options.Add(defaults);
        get.SetAction(parseResult =>
        {
            var config = Parse(parseResult, "config get", parseResult.GetValue(file)!, parseResult.GetValue(defaults), out var exit);
            if (config is null)
            {
                return exit;
            }

            var at = parseResult.GetValue(path)!;
            return Guard(parseResult, "config get", parseResult.GetValue(file)!, () => CommandOutput.Out(parseResult).WriteLine(Read(config, at, parseResult.GetValue(conversion))));
        });
        return get;
    }

    /// <summary>The <c>--defaults</c> option both sub-commands share.</summary>
    /// <returns>The option.</returns>
    private static Option<bool> DefaultsOption() =>
        new("--defaults") { Description = "Fall back to Chimera's reference.conf for every setting the file does not give." };

    /// <summary>Reads one value with the requested conversion.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="path">The path.</param>
    /// <param name="conversion">The conversion, or <see langword="null"/> for the value as it is.</param>
    /// <returns>The text to print.</returns>
    /// <exception cref="HoconException">The path is not set or the value does not convert.</exception>
    private static string Read(HoconConfig config, string path, string? conversion)
    {
        var value = config.GetValue(path);
        if (SecretRedaction.IsSecretPath(path) && value.Type != HoconValueType.Null)
        {
            return SecretRedaction.Redacted;
        }

        return conversion switch
        {
            "string" => config.GetString(path),
            "ms" => (config.GetDurationNanoseconds(path) / 1_000_000m).ToString(CultureInfo.InvariantCulture),
            "ns" => config.GetDurationNanoseconds(path).ToString(CultureInfo.InvariantCulture),
            "bytes" => config.GetBytes(path).ToString(CultureInfo.InvariantCulture),
            "bool" => config.GetBoolean(path) ? "true" : "false",
            "list" => string.Join(Environment.NewLine, config.GetList(path).Select(v => v is HoconScalar s ? s.Text : ConfigJson.Write(v))),
            _ => value is HoconScalar scalar ? scalar.Text : ConfigJson.Write(value),
        };
    }

    /// <summary>Parses a file, reporting a missing file or a HOCON error as a one-line failure.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="verb">The command's words.</param>
    /// <param name="file">The file.</param>
    /// <param name="withDefaults">Whether to fall back to reference.conf.</param>
    /// <param name="exit">The exit code when parsing failed.</param>
    /// <returns>The configuration, or <see langword="null"/> after reporting.</returns>
    private static HoconConfig? Parse(ParseResult parseResult, string verb, string file, bool withDefaults, out int exit)
    {
        exit = 0;
        if (!File.Exists(file))
        {
            exit = CommandOutput.Fail(parseResult, verb, $"the file '{file}' does not exist (looked at {Path.GetFullPath(file)}).");
            return null;
        }

        try
        {
            // Deferred, so a file given with --defaults may refer to reference keys in its substitutions.
            var options = new HoconConfigOptions { DeferResolution = withDefaults };
            var config = HoconConfig.ParseFile(file, options);
            return (withDefaults ? config.WithFallback(ChimeraReference.Load()) : config).Resolve();
        }
        catch (HoconException e)
        {
            exit = CommandOutput.Fail(parseResult, verb, e.Message);
            return null;
        }
    }

    /// <summary>Runs an action, turning a HOCON error into a one-line failure.</summary>
    /// <param name="parseResult">The parse result.</param>
    /// <param name="verb">The command's words.</param>
    /// <param name="file">The file, named in errors that have no location of their own (a path that is not set).</param>
    /// <param name="action">What to do.</param>
    /// <returns>0, or the failure exit code.</returns>
    private static int Guard(ParseResult parseResult, string verb, string file, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (HoconException e)
        {
            return CommandOutput.Fail(parseResult, verb, e.File is null ? $"{file}: {e.Message}" : e.Message);
        }
        catch (ArgumentException e)
        {
            // A malformed path expression, e.g. an unclosed quote.
            return CommandOutput.Fail(parseResult, verb, e.Message);
        }
    }
}
