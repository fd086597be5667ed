namespace Chimera.Nodes;

/// <summary>Every message the built-in media and recorder nodes throw, in one place so tests can assert them.</summary>
internal static class NodeMessages
{
    /// <summary>A configuration property out of range.</summary>
    public static string Invalid(string node, string property, object? value, string expected) =>
        $"Node '{node}': {property} = {value ?? "null"} is invalid; expected {expected}.";

    /// <summary>A missing video file.</summary>
    public static string FileMissing(string node, string path) =>
        $"Node '{node}': the video file '{path}' does not exist. Set Path to an existing file.";

    /// <summary>ffprobe could not tell the video's size or rate.</summary>
    public static string ProbeFailed(string node, string path, string output) =>
        $"Node '{node}': ffprobe could not read the size and frame rate of '{path}' (it said: '{output.Trim()}'). Is it a video file?";

    /// <summary>A missing camera device.</summary>
    public static string CameraMissing(string node, string device) =>
        $"Node '{node}': the video device '{device}' does not exist, so there is no camera to open. Connect a camera, check 'ls /dev/video*', or set Device.";

    /// <summary>No X display for screen capture.</summary>
    public static string NoDisplay(string node) =>
        $"Node '{node}': there is no X display to capture: Display is not set and the DISPLAY environment variable is empty. Run under an X session or set Display (for example ':0').";

    /// <summary>No audio backend.</summary>
    public static string NoAudio(string node, string backend, string reason) =>
        $"Node '{node}': no {backend} audio input is available ({reason}). Connect a sound device, start PulseAudio, or set Backend/Device.";

    /// <summary>A device source whose ffmpeg stopped.</summary>
    public static string DeviceEnded(string node, string stderr) =>
        $"Node '{node}': the device stopped delivering data; ffmpeg said: {stderr}";

    /// <summary>A sink input without the expected record.</summary>
    public static string WrongInput(string node, string record, string expected, object? actual) =>
        $"Node '{node}': record '{record}' of its input holds a {actual?.GetType().Name ?? "null"}, not {expected}. Set Record to the record that holds it.";
}
