using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Chimera.Media;

/// <summary>
/// The TurboJPEG 2.x C API of libjpeg-turbo (Debian <c>libturbojpeg0</c>), loaded at run time with
/// <see cref="NativeLibrary"/> so a missing library fails with an install hint instead of a bare
/// <see cref="DllNotFoundException"/>, and so Chimera.Core claims no assembly-wide DllImport resolver.
/// </summary>
/// <remarks>TurboJPEG handles are not thread-safe; <see cref="RentCompressor"/>/<see cref="RentDecompressor"/> hand each
/// caller its own handle from a small pool, so any number of threads can encode at once.</remarks>
internal sealed class TurboJpegLibrary
{
    /// <summary>The names tried in order: the Debian soname first, then the generic name for other layouts.</summary>
    internal static readonly string[] DefaultNames = ["libturbojpeg.so.0", "turbojpeg"];

    /// <summary>The process-wide library, loaded on first use (the failure is cached too, with its message).</summary>
    private static readonly Lazy<(TurboJpegLibrary? Library, string? Error)> s_shared = new(() =>
        TryLoad(DefaultNames, out var library, out var error) ? (library, null) : (null, error));

    /// <summary>How many idle handles of each kind the pool keeps; more are destroyed on return.</summary>
    private static readonly int s_maxIdle = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Idle compressor handles.</summary>
    private readonly ConcurrentBag<IntPtr> _compressors = [];

    /// <summary>Idle decompressor handles.</summary>
    private readonly ConcurrentBag<IntPtr> _decompressors = [];

    /// <summary>The bound native functions.</summary>
    private TurboJpegLibrary(IntPtr library)
    {
        InitCompress = Bind<InitFn>(library, "tjInitCompress");
        InitDecompress = Bind<InitFn>(library, "tjInitDecompress");
        Compress2 = Bind<Compress2Fn>(library, "tjCompress2");
        DecompressHeader3 = Bind<DecompressHeader3Fn>(library, "tjDecompressHeader3");
        Decompress2 = Bind<Decompress2Fn>(library, "tjDecompress2");
        Free = Bind<FreeFn>(library, "tjFree");
        Destroy = Bind<DestroyFn>(library, "tjDestroy");
        GetErrorStr2 = Bind<GetErrorStr2Fn>(library, "tjGetErrorStr2");
    }

    /// <summary><c>tjhandle tjInitCompress(void)</c> / <c>tjInitDecompress(void)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr InitFn();

    /// <summary><c>int tjCompress2(handle, srcBuf, width, pitch, height, pixelFormat, **jpegBuf, *jpegSize, subsamp, quality, flags)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int Compress2Fn(IntPtr handle, ref byte source, int width, int pitch, int height, int pixelFormat, ref IntPtr jpegBuffer, ref nuint jpegSize, int subsampling, int quality, int flags);

    /// <summary><c>int tjDecompressHeader3(handle, jpegBuf, jpegSize, *width, *height, *subsamp, *colorspace)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int DecompressHeader3Fn(IntPtr handle, ref byte jpeg, nuint jpegSize, out int width, out int height, out int subsampling, out int colorspace);

    /// <summary><c>int tjDecompress2(handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int Decompress2Fn(IntPtr handle, ref byte jpeg, nuint jpegSize, ref byte destination, int width, int pitch, int height, int pixelFormat, int flags);

    /// <summary><c>void tjFree(unsigned char *buffer)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void FreeFn(IntPtr buffer);

    /// <summary><c>int tjDestroy(tjhandle handle)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate int DestroyFn(IntPtr handle);

    /// <summary><c>char *tjGetErrorStr2(tjhandle handle)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate IntPtr GetErrorStr2Fn(IntPtr handle);

    /// <summary>Whether the shared library loaded.</summary>
    internal static bool IsAvailable => s_shared.Value.Library is not null;

    /// <summary>The shared library.</summary>
    /// <exception cref="DllNotFoundException">libturbojpeg is not installed; the message says how to install it.</exception>
    internal static TurboJpegLibrary Shared => s_shared.Value.Library ?? throw new DllNotFoundException(s_shared.Value.Error);

    /// <summary><c>tjInitCompress</c>.</summary>
    internal InitFn InitCompress { get; }

    /// <summary><c>tjInitDecompress</c>.</summary>
    internal InitFn InitDecompress { get; }

    /// <summary><c>tjCompress2</c>.</summary>
    internal Compress2Fn Compress2 { get; }

    /// <summary><c>tjDecompressHeader3</c>.</summary>
    internal DecompressHeader3Fn DecompressHeader3 { get; }

    /// <summary><c>tjDecompress2</c>.</summary>
    internal Decompress2Fn Decompress2 { get; }

    /// <summary><c>tjFree</c>.</summary>
    internal FreeFn Free { get; }

    /// <summary><c>tjDestroy</c>.</summary>
    internal DestroyFn Destroy { get; }

    /// <summary><c>tjGetErrorStr2</c>.</summary>
    internal GetErrorStr2Fn GetErrorStr2 { get; }

    /// <summary>Loads the library from the first of <paramref name="names"/> that loads; the test hook for a missing library.</summary>
    /// <exception cref="DllNotFoundException">None loaded, or a required symbol is missing; the message says to install libturbojpeg0.</exception>
    internal static TurboJpegLibrary Load(IReadOnlyList<string> names) =>
        TryLoad(names, out var library, out var error) ? library! : throw new DllNotFoundException(error);

    /// <summary>Tries each name in turn; on failure <paramref name="error"/> is the install message.</summary>
    internal static bool TryLoad(IReadOnlyList<string> names, out TurboJpegLibrary? library, out string? error)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(TurboJpegLibrary).Assembly, null, out var handle))
            {
                continue;
            }

            try
            {
                library = new TurboJpegLibrary(handle);
                error = null;
                return true;
            }
            catch (EntryPointNotFoundException e)
            {
                library = null;
                error = MediaMessages.TurboJpegMissing(names, e.Message);
                return false;
            }
        }

        library = null;
        error = MediaMessages.TurboJpegMissing(names, null);
        return false;
    }

    /// <summary>Takes an idle compressor handle or creates one.</summary>
    internal IntPtr RentCompressor() => _compressors.TryTake(out var handle) ? handle : Init(InitCompress);

    /// <summary>Takes an idle decompressor handle or creates one.</summary>
    internal IntPtr RentDecompressor() => _decompressors.TryTake(out var handle) ? handle : Init(InitDecompress);

    /// <summary>Gives a compressor handle back (destroyed when enough are idle).</summary>
    internal void ReturnCompressor(IntPtr handle) => Return(_compressors, handle);

    /// <summary>Gives a decompressor handle back (destroyed when enough are idle).</summary>
    internal void ReturnDecompressor(IntPtr handle) => Return(_decompressors, handle);

    /// <summary>The last error of a handle, as TurboJPEG words it.</summary>
    internal string ErrorOf(IntPtr handle) => Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown TurboJPEG error";

    /// <summary>Binds one exported function, failing with its name when the library is too old.</summary>
    private static T Bind<T>(IntPtr library, string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new EntryPointNotFoundException(MediaMessages.TurboJpegSymbolMissing(name));

    /// <summary>Creates a handle, failing loudly if the library cannot.</summary>
    private static IntPtr Init(InitFn init)
    {
        var handle = init();
        return handle != IntPtr.Zero ? handle : throw new InvalidOperationException(MediaMessages.TurboJpegInitFailed);
    }

    /// <summary>Keeps the handle for reuse or destroys it.</summary>
    private void Return(ConcurrentBag<IntPtr> pool, IntPtr handle)
    {
        if (pool.Count < s_maxIdle)
        {
            pool.Add(handle);
        }
        else
        {
            _ = Destroy(handle);
        }
    }
}
