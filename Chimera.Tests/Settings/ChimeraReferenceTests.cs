using System.Reflection;
using Chimera.Configuration;
using Chimera.Recording;
using Chimera.Settings;
using Chimera.Wire;

namespace Chimera.Tests.ReferenceSettings;

/// <summary>
/// reference.conf and the C# option classes state the same defaults: every key of a mapped section binds to a public
/// settable property and reproduces the property's default, and every such property has a key. Exceptions are listed.
/// </summary>
public sealed class ChimeraReferenceTests
{
    /// <summary>Sections with an options class, and the keys or properties that intentionally have no counterpart.</summary>
    public static TheoryData<string, Type, string[], string[]> MappedSections => new()
    {
        // secret-env names the variable the secret is read from; Secret, LoggerFactory and Clock are set in code only.
        { "chimera.manager", typeof(ManagerOptions), ["secret-env", "tls-password-env"], ["Secret", "TlsCertificatePassword", "LoggerFactory", "Clock"] },
        { "chimera.wire", typeof(WireSettings), [], [] },
        { "chimera.recording", typeof(RecordingOptions), [], [] },
        { "chimera.edge", typeof(EdgeOptions), [], [] },

        // manager is WorkerOptions.ManagerUrl (the one renamed key); name = null means the machine's name, which is
        // what the property defaults to; Remote is the chimera.remote section.
        { "chimera.worker", typeof(WorkerOptions), ["secret-env", "tls-password-env", "manager", "name"], ["Secret", "TlsCertificatePassword", "LoggerFactory", "Clock", "Remote", "ManagerUrl"] },

        // Wire is the chimera.wire section.
        { "chimera.remote", typeof(Chimera.Remote.RemoteSettings), [], ["Wire"] },
    };

    /// <summary>Sections whose options classes do not exist yet; their keys are only checked to parse.</summary>
    private static readonly string[] UnmappedSections = [];

    [Fact]
    public void Load_ParsesEveryKey_AndHasEverySection()
    {
        var reference = ChimeraReference.Load();

        Assert.Same(reference, ChimeraReference.Load());
        foreach (var section in MappedSections.Select(row => (string)row[0]).Concat(UnmappedSections))
        {
            Assert.True(reference.HasPath(section), $"reference.conf has no section {section}.");
        }

        Assert.Equal(64, reference.GetInt("chimera.edge.capacity"));
        Assert.Equal(65536, reference.GetBytes("chimera.remote.batch-max-bytes"));
        Assert.Equal(TimeSpan.FromSeconds(30), reference.GetDuration("chimera.remote.subscription-timeout"));
        Assert.Equal("CHIMERA_SECRET", reference.GetString("chimera.worker.secret-env"));
        Assert.Equal(1024 * 1024, reference.GetBytes("chimera.wire.max-frame-size"));
    }

    [Theory]
    [MemberData(nameof(MappedSections))]
    public void Section_DefaultsEqualTheOptionsClassDefaults(string section, Type type, string[] skippedKeys, string[] skippedProperties)
    {
        _ = skippedProperties;
        var reference = ChimeraReference.Load();
        var defaults = Activator.CreateInstance(type)!;
        foreach (var (key, value) in reference.GetObject(section).Where(kv => !skippedKeys.Contains(kv.Key)))
        {
            var property = SettingsBinder.PropertyFor(type, key);
            Assert.True(property is not null, $"{section}.{key} has no public settable property {SettingsBinder.ToPascal(key)} on {type.Name}.");
            var expected = property!.GetValue(defaults);
            var actual = SettingsBinder.Read(value, property.PropertyType, $"{section}.{key}");
            Assert.True(Equals(expected, actual), $"{section}.{key} = {actual ?? "null"} in reference.conf, but {type.Name}.{property.Name} defaults to {expected ?? "null"}.");
        }
    }

    [Theory]
    [MemberData(nameof(MappedSections))]
    public void EveryPublicSettableProperty_HasAKey(string section, Type type, string[] skippedKeys, string[] skippedProperties)
    {
        _ = skippedKeys;
        var keys = ChimeraReference.Load().GetObject(section).Keys.Select(SettingsBinder.ToPascal).ToHashSet(StringComparer.Ordinal);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .Except(skippedProperties);

        Assert.All(properties, p => Assert.True(keys.Contains(p), $"{type.Name}.{p} has no key in reference.conf's {section}; add it with its default and a comment."));
    }

    [Fact]
    public void Bind_ReferenceOntoFreshOptions_Succeeds_AndOverridesApply()
    {
        var config = HoconConfig.ParseString("chimera.manager { port = 7400, heartbeat-interval = 500ms }").WithFallback(ChimeraReference.Load());
        var options = new ManagerOptions();

        SettingsBinder.Bind(config, "chimera.manager", options, ["secret-env", "tls-password-env"]);

        Assert.Equal(7400, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
        Assert.Equal("127.0.0.1", options.Host);
    }

    [Fact]
    public void Bind_OutOfRangeValue_NamesTheKeyAndLine()
    {
        var config = HoconConfig.ParseString("chimera.wire {\n  max-frame-size = 1\n}", "app.conf");

        var e = Assert.Throws<HoconException>(() => SettingsBinder.Bind(config, "chimera.wire", new WireSettings()));

        Assert.Equal(2, e.Line);
        Assert.StartsWith("chimera.wire.max-frame-size = 1 is invalid; expected an integer from ", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownKey_IsRejected()
    {
        var config = HoconConfig.ParseString("chimera.edge { capacty = 3 }", "app.conf");

        var e = Assert.Throws<HoconException>(() => SettingsBinder.Bind(config, "chimera.edge", new EdgeOptions()));

        Assert.Equal("chimera.edge.capacty is not a setting; check the spelling against reference.conf.", e.Reason);
    }

    [Fact]
    public void ReferenceFile_OnDiskIsTheEmbeddedOne()
    {
        var onDisk = File.ReadAllText(Path.Combine(Chimera.Tests.Pipelines.RepositoryRoot.Path, "hocon", "reference.conf"));
        Assert.Equal(onDisk, ChimeraReference.ReadText());
    }
}
