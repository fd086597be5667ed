using System.Net.Http.Json;
using Chimera.Cluster.Protocol;
using Chimera.Cluster.Security;

namespace Chimera.Cluster.Http;

/// <summary>
/// Calls another member's control API: JSON in and out, every request signed with the cluster secret when there is one,
/// and every refusal turned into a <see cref="ControlApiException"/> quoting the other side's reason.
/// </summary>
internal sealed class ControlClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RequestSigner? _signer;
    private readonly string _peer;

    public ControlClient(string baseUrl, string peer, RequestSigner? signer, TimeSpan? timeout = null, ClusterCertificate? certificate = null)
    {
        _http = certificate is null ? new HttpClient() : new HttpClient(certificate.CreateHandler(), disposeHandler: true);
        _http.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(100);
        Certificate = certificate;
        _signer = signer;
        _peer = peer;
        BaseUrl = baseUrl.TrimEnd('/');
    }

    public string BaseUrl { get; }

    /// <summary>The cluster certificate trusted for TLS, if any (for callers that open their own connections).</summary>
    public ClusterCertificate? Certificate { get; }

    /// <summary>The signer used for requests (null without a cluster secret), for callers that open their own connections (taps).</summary>
    public RequestSigner? Signer => _signer;

    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: ControlJson.Options), cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<TResponse>(ControlJson.Options, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: ControlJson.Options), cancellationToken).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (_signer is not null)
        {
            request.Headers.Add(RequestSigner.HeaderName, _signer.Sign(method.Method, "/" + path.TrimStart('/').Split('?')[0]));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ControlApiException($"{_peer} at {BaseUrl} left the cluster or registered again; {method} /{path.TrimStart('/')} was not sent.", null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ControlApiException($"{_peer} at {BaseUrl} cannot be reached for {method} /{path.TrimStart('/')}: {ex.Message}", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ControlApiException($"{_peer} at {BaseUrl} did not answer {method} /{path.TrimStart('/')} within {_http.Timeout.TotalSeconds:0} s.", null, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            string reason;
            try
            {
                reason = (await response.Content.ReadFromJsonAsync<ErrorResponse>(ControlJson.Options, cancellationToken).ConfigureAwait(false))?.Error ?? response.ReasonPhrase ?? "no reason given";
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                reason = response.ReasonPhrase ?? "no reason given";
            }

            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ControlApiException($"{_peer} refused {method} /{path.TrimStart('/')} ({status}): {reason}", status);
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}
