using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Yaml;

/// <summary>Names the file being read and builds located <see cref="ConfigurationException"/>s.</summary>
internal sealed class YamlContext(string fileName)
{
    public string FileName { get; } = fileName;

    public ConfigurationException Error(YamlNode node, string problem) => new(FileName, Line(node), problem);

    public ConfigurationException Error(int? line, string problem) => new(FileName, line, problem);

    public static int Line(YamlNode node) => (int)node.Start.Line;
}
