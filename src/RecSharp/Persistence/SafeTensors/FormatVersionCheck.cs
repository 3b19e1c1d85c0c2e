using System.Globalization;
using static RecSharp.Persistence.SafeTensors.SafeTensorsText;

namespace RecSharp.Persistence.SafeTensors;

/// <summary>
/// Rejects RecSharp files written in a newer format version than the reader supports.
/// </summary>
internal static class FormatVersionCheck
{
    /// <summary>
    /// Checks the version when the metadata declares the RecSharp format and a limit is set.
    /// </summary>
    public static void Check(IReadOnlyDictionary<string, string> metadata, int? maxVersion)
    {
        if (maxVersion is not { } supported
            || !metadata.TryGetValue(SafeTensorsFormat.FormatKey, out string? format)
            || format != SafeTensorsFormat.FormatName)
        {
            return;
        }

        if (!metadata.TryGetValue(SafeTensorsFormat.FormatVersionKey, out string? text))
        {
            throw Fail($"Metadata declares format '{SafeTensorsFormat.FormatName}' but has no " +
                $"'{SafeTensorsFormat.FormatVersionKey}'.");
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
        {
            throw Fail($"Metadata '{SafeTensorsFormat.FormatVersionKey}' must be a positive integer, but it is " +
                $"{Quote(text)}.");
        }

        if (version > supported)
        {
            throw Fail($"File was written by a newer RecSharp: format version {version}, this reader supports up to " +
                $"{supported}.");
        }
    }
}
