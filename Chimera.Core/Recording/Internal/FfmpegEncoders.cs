using System.Collections.Concurrent;
using Chimera.Media;

namespace Chimera.Recording;

/// <summary>Picks the video encoder: libx264 when <c>ffmpeg -encoders</c> lists it (asked once per ffmpeg path), else mpeg4.</summary>
internal static class FfmpegEncoders
{
    /// <summary>The preferred encoder.</summary>
    public const string H264 = "libx264";

    /// <summary>The encoder every ffmpeg build has.</summary>
    public const string Mpeg4 = "mpeg4";

    /// <summary>The answer per ffmpeg path.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> s_choice = new(StringComparer.Ordinal);

    /// <summary>The encoder to use with <paramref name="ffmpeg"/>.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg cannot be run; the message says to install it.</exception>
    public static Task<string> ChooseAsync(string ffmpeg, CancellationToken cancellationToken) =>
        s_choice.GetOrAdd(ffmpeg, path => new Lazy<Task<string>>(() => DetectAsync(path, cancellationToken))).Value;

    /// <summary>The encoder arguments after <c>-c:v</c> for a chosen encoder.</summary>
    public static IEnumerable<string> QualityArguments(string encoder) => encoder switch
    {
        H264 => ["-preset", "veryfast", "-crf", "20"],
        Mpeg4 => ["-q:v", "3"],
        _ => [],
    };

    /// <summary>Asks ffmpeg which encoders it has.</summary>
    private static async Task<string> DetectAsync(string ffmpeg, CancellationToken cancellationToken)
    {
        try
        {
            var list = await FfmpegProcess.RunAsync(ffmpeg, ["-hide_banner", "-encoders"], "listing ffmpeg's encoders", cancellationToken).ConfigureAwait(false);
            return list.Split('\n').Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, H264, ..]) ? H264 : Mpeg4;
        }
        catch
        {
            s_choice.TryRemove(ffmpeg, out _);
            throw;
        }
    }
}
