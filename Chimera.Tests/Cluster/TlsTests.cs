using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Chimera.Nodes;
using Chimera.Tests.Runtime;

namespace Chimera.Tests.Cluster;

[Trait("Category", "Integration")]
public class TlsTests
{
    /// <summary>Writes a self-signed certificate for 127.0.0.1 (password "pw") to a temporary PFX file and returns its path.</summary>
    internal static string SelfSignedPfx()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=chimera-test-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"chimera-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        return path;
    }

    [Fact]
    public async Task Tls_ManagerAndWorker_TalkHttps_WithAPinnedClusterCertificate()
    {
        var pfx = SelfSignedPfx();
        try
        {
            await using var manager = new Manager(new ManagerOptions { Secret = "tls", TlsCertificatePath = pfx, TlsCertificatePassword = "pw" });
            var url = await manager.StartServerAsync();
            Assert.StartsWith("https://", url);
            await using var worker = new Worker(new WorkerOptions { Name = "secure", ManagerUrl = url, Secret = "tls", TlsCertificatePath = pfx, TlsCertificatePassword = "pw" });
            await worker.StartAsync();
            Assert.StartsWith("https://", worker.ControlUrl);
            await using var other = new Worker(new WorkerOptions { Name = "other", ManagerUrl = url, Secret = "tls", TlsCertificatePath = pfx, TlsCertificatePassword = "pw" });
            await other.StartAsync();

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (manager.RegisteredWorkers.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            // The edge n -> gain crosses workers: a stream reference over TLS on the data plane.
            await manager.CommitGraphAsync(
                new Chimera.Graph().AddNode("n", new Counter { Count = 1000 }).AddNode("gain", new Identity()).AddEdge("n", "gain"),
                new Dictionary<string, IReadOnlyList<string>> { ["secure"] = ["n"], ["other"] = ["gain"] });
            await manager.StartAsync();
            var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            Assert.Equal(1000, report.Node("gain").Steps);
            Assert.Equal((1000L, 1000L), (report.Edge("n", "gain").Sent, report.Edge("n", "gain").Received));

            // The stream reference's own counters are on the Chimera meter.
            var received = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
            using (var listener = new System.Diagnostics.Metrics.MeterListener())
            {
                listener.InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == "Chimera" && instrument.Name.StartsWith("chimera.remote.", StringComparison.Ordinal))
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                };
                listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                {
                    foreach (var tag in tags)
                    {
                        if (tag.Key == "edge" && (string?)tag.Value == "n -> gain")
                        {
                            received.AddOrUpdate(instrument.Name, value, (_, v) => Math.Max(v, value));
                        }
                    }
                });
                listener.Start();
                listener.RecordObservableInstruments();
            }

            Assert.Equal(1000, received["chimera.remote.elements_received"]);
            Assert.True(received["chimera.remote.bytes_sent"] > 1000 * 8);

            // A plain (non-TLS) connection to the data port gets no Chimera handshake.
            var port = int.Parse(worker.DataEndpoint!.Split(':')[1]);
            using var raw = new System.Net.Sockets.TcpClient();
            await raw.ConnectAsync(System.Net.IPAddress.Loopback, port);
            await raw.GetStream().WriteAsync(new byte[] { 0xC7, 1, 1, 0, 0, 0, 0, 0 });
            var buffer = new byte[64];
            var read = await raw.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(read == 0 || buffer[0] != 0xC7, "the TLS listener must not answer a plain Chimera frame");

            // A client that does not trust the cluster certificate cannot talk to the manager.
            using var plain = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(url + "/health"));
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
