using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Data.Configuration.Yaml;

/// <summary>
/// Reads the one YAML document of an experiment file, turning every parser failure into a located
/// <see cref="ConfigurationException"/>: YamlDotNet fails on some unclosed <c>[</c>/<c>{</c> with a bare
/// <see cref="InvalidOperationException"/>, and places a tab in the indentation at the start of the enclosing node.
/// </summary>
internal static class YamlDocumentReader
{
    public static YamlNode ReadSingleDocument(string yaml, YamlContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw Located(yaml, context, (int)e.Start.Line, Describe(e));
        }
        catch (InvalidOperationException)
        {
            throw Located(yaml, context, null, "the parser stopped");
        }

        if (stream.Documents.Count == 0)
        {
            throw context.Error((int?)null, "the file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw context.Error(
                MarkerLine(yaml, YamlContext.Line(stream.Documents[1].RootNode)),
                "a second YAML document starts here; an experiment file holds exactly one document");
        }

        return stream.Documents[0].RootNode;
    }

    // Blames an unclosed bracket when there is one, a tab in the indentation for tab errors, else the parser's line.
    private static ConfigurationException Located(string yaml, YamlContext context, int? line, string problem)
    {
        if (FlowBrackets.Unclosed(yaml) is { } open)
        {
            return context.Error(open.Line, $"not valid YAML: the '{open.Bracket}' opened on this line is not closed");
        }

        if (problem.Contains("tab", StringComparison.Ordinal) && TabIndentedLine(yaml, line ?? 1) is { } tabLine)
        {
            return context.Error(tabLine, "not valid YAML: a tab is used for indentation; indent with spaces");
        }

        return context.Error(line, $"not valid YAML: {problem}");
    }

    // The line of the last '---' marker at or before a line (where the second document begins).
    private static int MarkerLine(string yaml, int contentLine)
    {
        var lines = yaml.Split('\n');
        for (var i = Math.Min(contentLine, lines.Length) - 1; i >= 0; i--)
        {
            if (lines[i].StartsWith("---", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return contentLine;
    }

    private static int? TabIndentedLine(string yaml, int fromLine)
    {
        var lines = yaml.Split('\n');
        for (var i = Math.Max(fromLine - 1, 0); i < lines.Length; i++)
        {
            if (lines[i].TrimStart(' ').StartsWith('\t'))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
