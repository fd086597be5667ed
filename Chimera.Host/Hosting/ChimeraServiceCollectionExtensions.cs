using System.Text.Json.Serialization;
using Chimera;
using Chimera.Hosting.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a Chimera <see cref="Manager"/> or <see cref="Worker"/> as a hosted service of any Generic Host or ASP.NET
/// Core app: it starts and stops with the host, logs to the host's <see cref="ILoggerFactory"/>, and reads its options
/// from configuration (HOCON through <c>AddHoconFile</c>, JSON, environment variables) with the same kebab keys as the
/// <c>chimera</c> command line's seed files.
/// </summary>
/// <example>
/// <code>
/// builder.Configuration.AddHoconFile("chimera.conf");
/// builder.Services.AddChimeraManager(builder.Configuration.GetSection("chimera:manager"));
/// builder.Services.AddHealthChecks().AddChimeraHealthChecks();
/// var app = builder.Build();
/// app.MapChimeraManager("/chimera");   // the control API on the app's own port
/// app.MapHealthChecks("/healthz");
/// </code>
/// </example>
public static class ChimeraServiceCollectionExtensions
{
    /// <summary>
    /// Registers the host's <see cref="Manager"/> (a singleton, injectable anywhere) and a hosted service that starts
    /// its control API with the host — on its own port (<see cref="ManagerOptions.Port"/>), or inside the host's
    /// pipeline when the app calls <c>MapChimeraManager</c>. Because the mapped control API speaks enums by name, this
    /// also adds a <see cref="JsonStringEnumConverter"/> to the host's minimal-API JSON options (<c>ConfigureHttpJsonOptions</c>)
    /// if it has none: the host's own endpoints then write enums as names too, and still read numbers.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddChimeraManager(this IServiceCollection services, Action<ManagerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ManagerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton<ManagerEndpointMapping>();

        // The control API speaks enums by name. When it is mapped into the host, request bodies bind with the host's
        // minimal-API JSON options, so they need the enum converter too (reading still accepts numbers as well).
        services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.Converters.Any(c => c is JsonStringEnumConverter))
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            }
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ManagerOptions>>().Value;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return new Manager(options);
        });
        services.AddHostedService<ManagerHostedService>();
        return services;
    }

    /// <summary>
    /// Registers the host's <see cref="Manager"/> with options read from <paramref name="configuration"/> (a section
    /// such as <c>chimera:manager</c>) with the keys and values of <c>chimera manager</c> seed files, so one file serves
    /// both: every key reference.conf lists under <c>chimera.manager</c>, in kebab form (<c>heartbeat-interval</c>) or as
    /// JSON and environment variables spell it (<c>HeartbeatInterval</c>); durations as <c>1s</c> or <c>00:00:01</c>;
    /// the secret from <c>secret</c> or the variable named by <c>secret-env</c>, the certificate's password from the
    /// variable named by <c>tls-password-env</c>. A key that is no setting is an error, not silently ignored.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The manager's configuration section.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">When the manager is first resolved: a key is unknown or holds an invalid value (every bad key is listed).</exception>
    public static IServiceCollection AddChimeraManager(this IServiceCollection services, IConfiguration configuration, Action<ManagerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ManagerOptions>().Configure(o => ChimeraOptionsBinder.Bind(configuration, o));
        return services.AddChimeraManager(configure);
    }

    /// <summary>
    /// Registers the host's <see cref="Worker"/> (a singleton) and a hosted service that starts it with the host; it
    /// joins <see cref="WorkerOptions.ManagerUrl"/> in the background and leaves the cluster when the host stops.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddChimeraWorker(this IServiceCollection services, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<WorkerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WorkerOptions>>().Value;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return new Worker(options);
        });
        services.AddHostedService<WorkerHostedService>();
        return services;
    }

    /// <summary>
    /// Registers the host's <see cref="Worker"/> with options read from <paramref name="configuration"/> (a section
    /// such as <c>chimera:worker</c>) with the keys and values of <c>chimera worker</c> seed files: every key
    /// reference.conf lists under <c>chimera.worker</c> (<c>name</c>, <c>manager</c>, <c>control-port</c>,
    /// <c>tls-certificate-path</c>, …), read as <see cref="AddChimeraManager(IServiceCollection, IConfiguration, Action{ManagerOptions}?)"/>
    /// reads the manager's.
    /// </summary>
    /// <remarks>
    /// The stream-reference settings (<see cref="WorkerOptions.Remote"/>) are not under the worker's section but next to
    /// it, as in seed files: for <c>chimera:worker</c> they are read from <c>chimera:remote</c> (<c>buffer-capacity</c>,
    /// <c>buffer-bytes</c>, <c>inline-after-idle</c>, …). A section cannot reach its configuration's root, so that
    /// sibling is looked up in the host's <see cref="IConfiguration"/> service (which <c>Host.CreateApplicationBuilder</c>
    /// and <c>WebApplication.CreateBuilder</c> register) when the options are first built; without that service the
    /// remote settings keep their defaults unless <paramref name="configure"/> sets them.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The worker's configuration section.</param>
    /// <param name="configure">Sets options in code; runs after configuration binding.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">When the worker is first resolved: a key of the worker's or the remote section is unknown or holds an invalid value (every bad key is listed).</exception>
    public static IServiceCollection AddChimeraWorker(this IServiceCollection services, IConfiguration configuration, Action<WorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkerOptions>().Configure<IServiceProvider>(
            (o, provider) => ChimeraOptionsBinder.Bind(configuration, o, provider.GetService<IConfiguration>()));
        return services.AddChimeraWorker(configure);
    }
}
