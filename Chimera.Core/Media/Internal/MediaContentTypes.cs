using System.Runtime.CompilerServices;

namespace Chimera.Media;

/// <summary>
/// Registers the media value types with <see cref="ContentTypes"/>, so <c>chunk.Add("frame", image)</c> is an image
/// record without saying so. Runs from the module initializer and again from each type's static constructor, so it has
/// certainly run before any such value exists (registration is idempotent).
/// </summary>
internal static class MediaContentTypes
{
    /// <summary>Runs when Chimera.Core loads, before any code of the assembly.</summary>
#pragma warning disable CA2255 // A library module initializer is deliberate: content-type inference must know media types before user code adds a record.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => Register();

    /// <summary>Declares <see cref="ImageFrame"/> as image and <see cref="AudioBlock"/> as audio.</summary>
    internal static void Register()
    {
        ContentTypes.Register(typeof(ImageFrame), ContentType.Image);
        ContentTypes.Register(typeof(AudioBlock), ContentType.Audio);
    }
}
