using System.Net;
using Chimera.Cluster.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chimera.Cluster.Http;

/// <summary>
/// The Kestrel host every control API runs on, the manager's and each worker's alike: a slim app on one address and
/// port, HTTPS with the cluster certificate when there is one, the control JSON settings, WebSockets, and the
/// member's own logging instead of the host's.
/// </summary>
internal static class ControlHost
{
    /// <summary>Builds (does not start) the host listening on <paramref name="host"/>:<paramref name="port"/>; the caller maps its endpoints.</summary>
    public static WebApplication Create(ILoggerFactory loggerFactory, string host, int port, ClusterCertificate? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.ConfigureHttpJsonOptions(o => ControlJson.Configure(o.SerializerOptions));
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(host), port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate.Certificate);
            }
        }));
        var app = builder.Build();
        app.UseWebSockets();
        return app;
    }
}
