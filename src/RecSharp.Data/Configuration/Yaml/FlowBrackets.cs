namespace RecSharp.Data.Configuration.Yaml;

/// <summary>
/// Finds a flow collection (<c>[...]</c> or <c>{...}</c>) left open in YAML text (the innermost when several are),
/// skipping quoted text and comments, so that a parse failure can name the line where the bracket opened rather than
/// where the parser gave up.
/// A bracket counts only where a flow collection can start: after <c>:</c>, <c>-</c>, <c>,</c>, another open bracket
/// or at the start of a line, so brackets inside plain values like <c>x[1]</c> are ignored.
/// </summary>
internal static class FlowBrackets
{
    public static (int Line, char Bracket)? Unclosed(string yaml)
    {
        var open = new Stack<(int Line, char Bracket)>();
        var line = 1;
        var previous = '\n'; // the last character that is not a space
        char? quote = null;
        for (var i = 0; i < yaml.Length; i++)
        {
            var c = yaml[i];
            if (c == '\n')
            {
                line++;
            }

            if (quote is { } q)
            {
                if (c == '\\' && q == '"' && i + 1 < yaml.Length)
                {
                    i++;
                    line += yaml[i] == '\n' ? 1 : 0;
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            if (c == '#' && (i == 0 || yaml[i - 1] is ' ' or '\t' or '\n'))
            {
                var end = yaml.IndexOf('\n', i);
                i = (end < 0 ? yaml.Length : end) - 1;
                continue;
            }

            var startsValue = open.Count > 0 || previous is ':' or '-' or ',' or '[' or '{' or '\n';
            if (c is '"' or '\'' && startsValue)
            {
                quote = c;
            }
            else if (c is '[' or '{' && startsValue)
            {
                open.Push((line, c));
            }
            else if (c is ']' or '}' && open.Count > 0)
            {
                open.Pop();
            }

            previous = c is ' ' or '\t' or '\r' ? previous : c;
        }

        return open.Count > 0 ? open.Peek() : null;
    }
}
