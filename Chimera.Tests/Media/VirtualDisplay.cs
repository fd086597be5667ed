using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Chimera.Tests.Media;

/// <summary>
/// A real X server without a screen (Xvfb) on a display number it picks itself, for capturing from X11 in tests; the
/// server is killed on dispose.
/// </summary>
internal sealed class VirtualDisplay : IDisposable
{
    /// <summary>The server.</summary>
    private readonly Process _server;

    private VirtualDisplay(Process server, string name)
    {
        _server = server;
        Name = name;
    }

    /// <summary>The display, as in DISPLAY (<c>:N</c>).</summary>
    public string Name { get; }

    /// <summary>Starts Xvfb with one <paramref name="width"/> × <paramref name="height"/> 24-bit screen and waits until it accepts clients.</summary>
    /// <exception cref="InvalidOperationException">Xvfb is not installed or did not come up.</exception>
    public static async Task<VirtualDisplay> StartAsync(int width, int height, CancellationToken cancellationToken)
    {
        // -displayfd makes Xvfb choose a free display and write its number once it is ready, so tests running side by
        // side never race for one, and nobody has to poll for the socket.
        var start = new ProcessStartInfo("Xvfb", ["-displayfd", "1", "-screen", "0", $"{width}x{height}x24", "-nolisten", "tcp"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process server;
        try
        {
            server = Process.Start(start) ?? throw new InvalidOperationException("Xvfb did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Xvfb is not installed (apt-get install xvfb); the X11 capture tests need it.", e);
        }

        var stderr = server.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            var number = await server.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(number))
            {
                await server.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"Xvfb exited ({server.ExitCode}) without a display: {await stderr.ConfigureAwait(false)}");
            }

            return new VirtualDisplay(server, ":" + number.Trim());
        }
        catch
        {
            Stop(server);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop(_server);

    /// <summary>Stops and reaps the server.</summary>
    private static void Stop(Process server)
    {
        // SIGTERM lets Xvfb remove its lock file and socket; killed outright, it leaves them behind in /tmp.
        if (!server.HasExited && (SendSignal(server.Id, SigTerm) != 0 || !server.WaitForExit(TimeSpan.FromSeconds(5))))
        {
            server.Kill();
            server.WaitForExit();
        }

        server.Dispose();
    }

    /// <summary>Linux's SIGTERM.</summary>
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
