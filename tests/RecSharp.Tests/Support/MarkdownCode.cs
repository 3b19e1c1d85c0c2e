namespace RecSharp.Tests.Support;

/// <summary>Code blocks of a Markdown document, so that tests hold the documentation to the code it shows.</summary>
public static class MarkdownCode
{
    /// <summary>
    /// The <paramref name="index"/>-th fenced block in <paramref name="language"/> under the heading
    /// <paramref name="heading"/> (before the next heading of any level), without its fences; lines end in '\n'.
    /// </summary>
    public static string Block(string markdownPath, string heading, string language, int index = 0)
    {
        var lines = File.ReadAllText(markdownPath).ReplaceLineEndings("\n").Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        if (start < 0) throw new InvalidOperationException($"{markdownPath} has no heading \"{heading}\"");
        var blocks = new List<string>();
        List<string>? current = null;
        for (int i = start + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            if (current is null && lines[i] == "```" + language)
            {
                current = [];
            }
            else if (current is not null && lines[i] == "```")
            {
                blocks.Add(string.Join('\n', current) + "\n");
                current = null;
            }
            else
            {
                current?.Add(lines[i]);
            }
        }
        if (index >= blocks.Count)
        {
            throw new InvalidOperationException(
                $"{markdownPath}: \"{heading}\" has {blocks.Count} {language} block(s), not {index + 1}");
        }
        return blocks[index];
    }
}
