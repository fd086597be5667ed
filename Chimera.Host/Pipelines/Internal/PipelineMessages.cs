namespace Chimera.Pipelines.Internal;

/// <summary>Every pipeline error message in one place, so tests can assert the exact text and wording stays consistent.</summary>
internal static class PipelineMessages
{
    /// <summary>The pipeline file does not exist.</summary>
    public static string FileNotFound(string path) =>
        $"The pipeline file '{path}' does not exist (looked at {Path.GetFullPath(path)}).";

    /// <summary>The file has no <c>pipeline</c> section.</summary>
    public static string NoPipelineSection() =>
        "the file has no 'pipeline' section; a pipeline file holds pipeline { name = ..., nodes { ... }, edges = [ ... ] }.";

    /// <summary>A value has the wrong kind.</summary>
    public static string WrongKind(string path, string expected, string got) =>
        $"'{path}' must be {expected}, got {got}.";

    /// <summary>An object has a key the loader does not know, usually a typo.</summary>
    public static string UnknownKey(string where, string key, IEnumerable<string> allowed) =>
        $"{where} has no setting '{key}'; its settings are: {string.Join(", ", allowed)}.";

    /// <summary>The pipeline has no nodes.</summary>
    public static string NoNodes(string pipeline) =>
        $"pipeline '{pipeline}' declares no nodes; add nodes {{ NAME {{ type = Counter }} }}.";

    /// <summary>A node has no type.</summary>
    public static string MissingType(string node) =>
        $"node '{node}' has no 'type'; give a built-in short name such as Counter or a full .NET type name.";

    /// <summary>A node's type cannot be found.</summary>
    public static string UnknownType(string node, string type, string builtIns) =>
        $"node '{node}' has type '{type}', which is neither a built-in node ({builtIns}) nor a type in Chimera's or the pipeline's assemblies; check the spelling, use the full type name, or add its assembly to pipeline.assemblies.";

    /// <summary>A node's type is not a node.</summary>
    public static string NotANode(string node, string type) =>
        $"node '{node}' has type '{type}', which does not derive from Chimera.Node.";

    /// <summary>A parameter the node type does not have.</summary>
    public static string UnknownParameter(string node, string type, string parameter, string known) =>
        $"node '{node}' ({type}) has no parameter '{parameter}'; {known}.";

    /// <summary>A parameter whose value does not fit its property.</summary>
    public static string WrongParameterType(string parameter, string node, string expected, string got) =>
        $"parameter '{parameter}' of node '{node}' expects {expected}, got {got}.";

    /// <summary>The node could not be built from its parameters.</summary>
    public static string NodeNotCreated(string node, string type, string reason) =>
        $"node '{node}' ({type}) cannot be created: {reason}";

    /// <summary>An option value is not one of the enum's members.</summary>
    public static string BadEnum(string owner, string key, string value, string allowed) =>
        $"{owner} has {key} '{value}', which is not allowed; use one of: {allowed}.";

    /// <summary>A numeric option is out of range.</summary>
    public static string OutOfRange(string owner, string key, string value, string range) =>
        $"{owner} has {key} = {value}; it must be {range}.";

    /// <summary>An edge names a node the pipeline does not declare.</summary>
    public static string EdgeMissingNode(string edge, string end, string node, IEnumerable<string> nodes) =>
        $"edge '{edge}' {end} '{node}', which is not a node of the pipeline; its nodes are: {string.Join(", ", nodes)}.";

    /// <summary>An edge lacks one of its ends.</summary>
    public static string EdgeMissingEnd(int index, string key) =>
        $"edge #{index + 1} has no '{key}'; an edge is {{ from = NODE, to = NODE }}.";

    /// <summary>An assembly file is missing.</summary>
    public static string AssemblyNotFound(string path, string fullPath) =>
        $"assembly '{path}' does not exist (looked at {fullPath}); paths are relative to the pipeline file.";

    /// <summary>An assembly file cannot be loaded.</summary>
    public static string AssemblyNotLoaded(string path, string reason) =>
        $"assembly '{path}' cannot be loaded: {reason}";

    /// <summary>A worker maps a node the pipeline does not declare.</summary>
    public static string MappedUnknownNode(string worker, string node, IEnumerable<string> nodes) =>
        $"worker '{worker}' is mapped node '{node}', which is not a node of the pipeline; its nodes are: {string.Join(", ", nodes)}.";

    /// <summary>A node is mapped twice.</summary>
    public static string MappedTwice(string node, string first, string second) =>
        $"node '{node}' is mapped to worker '{first}' and to worker '{second}'; map each node once.";

    /// <summary>A node is left out of the mapping.</summary>
    public static string NotMapped(string node) =>
        $"node '{node}' is not mapped to any worker; add it to one of pipeline.workers.";
}
