using System.Runtime.CompilerServices;

namespace RecSharp.Data.Reading;

/// <summary>
/// Finds a quote that broke a row: one still open at the end of the file, or a quoted field that runs past the end of
/// its line and either leaves the row with the wrong number of fields or swallows a whole line that has a full row's
/// separators. Both mean that later rows were read as part of one field: a broken file rather than one bad row, so the
/// reader stops there even when skipping bad rows. A quoted field with line breaks inside is otherwise one value.
/// </summary>
internal static class QuoteCheck
{
    private const char Quote = '"';

    /// <summary>The error for a row whose quoting is broken, or null when the row's quotes are sound.</summary>
    /// <param name="path">The file, for the message.</param>
    /// <param name="rowText">The row's raw text, quotes included.</param>
    /// <param name="firstLine">The 1-based line the row starts on.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="fields">The number of fields read.</param>
    /// <param name="expectedFields">The number of columns.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DataFormatException? Problem(
        string path, ReadOnlySpan<char> rowText, int firstLine, char separator, int fields, int expectedFields)
    {
        var openAtEnd = rowText.Count(Quote) % 2 != 0;
        var body = rowText.TrimEnd("\r\n");
        if (!openAtEnd && !body.Contains('\n'))
        {
            return null;
        }

        var opened = Runaway(rowText, separator, expectedFields, wrongWidth: fields != expectedFields);
        if (opened < 0)
        {
            return null;
        }

        var line = firstLine + rowText[..opened].Count('\n');
        var lastLine = firstLine + body.Count('\n');
        var problem = openAtEnd
            ? "a quote opened on this line is never closed, so the rest of the file reads as one field"
            : $"a quoted field opened on this line runs on to line {lastLine} (the row has {fields} of "
                + $"{expectedFields} fields); a quote is probably not closed";
        return new DataFormatException(path, line, null, null, problem);
    }

    // The offset of the opening quote of a field that runs past a line end into the wrong width or over a whole row's
    // separators, or that is still open at the end; -1 when there is none.
    private static int Runaway(ReadOnlySpan<char> rowText, char separator, int expectedFields, bool wrongWidth)
    {
        var open = -1;
        var innerLineStart = -1;
        for (var i = 0; i < rowText.Length; i++)
        {
            if (rowText[i] == Quote)
            {
                open = open < 0 ? i : -1;
                innerLineStart = -1;
            }
            else if (rowText[i] == '\n' && open >= 0)
            {
                if (wrongWidth
                    || (expectedFields > 1 && innerLineStart >= 0
                        && rowText[innerLineStart..i].Count(separator) >= expectedFields - 1))
                {
                    return open;
                }

                innerLineStart = i + 1;
            }
        }

        return open;
    }
}
