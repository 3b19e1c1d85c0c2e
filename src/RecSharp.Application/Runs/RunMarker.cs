using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecSharp.Application.Runs;

/// <summary>
/// The marker file in every run folder, <c>.recsharp-run</c>: a small JSON object naming the files
/// <c>recsharp train</c> put there. Only a folder with a marker, holding no other files, counts as an earlier run
/// that <c>--overwrite</c> may replace.
/// </summary>
internal static class RunMarker
{
    /// <summary>The marker's file name.</summary>
    public const string FileName = ".recsharp-run";

    private const string Writer = "recsharp train";

    /// <summary>The marker's content for a folder holding <paramref name="files"/>.</summary>
    public static byte[] Content(IEnumerable<string> files) => JsonSerializer.SerializeToUtf8Bytes(
        new JsonObject
        {
            ["written_by"] = Writer,
            ["created_utc"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["files"] = new JsonArray(files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(f => (JsonNode?)f).ToArray()),
        },
        new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The files the marker of <paramref name="folder"/> names, or null when it has no readable
    /// marker.</summary>
    public static IReadOnlySet<string>? ListedFiles(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var marker = JsonNode.Parse(File.ReadAllBytes(path))?.AsObject();
            if (marker?["written_by"]?.GetValue<string>() != Writer || marker["files"] is not JsonArray files)
                return null;
            return files.Select(f => f!.GetValue<string>()).Append(FileName).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e)
            when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="folder"/> is not an earlier run folder that may be replaced; null when it
    /// is.</summary>
    public static string? WhyNotARun(string folder)
    {
        if (ListedFiles(folder) is not { } listed) return $"it has no readable {FileName} marker";
        if (Directory.GetDirectories(folder).FirstOrDefault() is { } sub)
            return $"it holds the folder {Path.GetFileName(sub)}, which recsharp did not write";
        var foreign = Directory.GetFiles(folder).Select(Path.GetFileName).FirstOrDefault(f => !listed.Contains(f!));
        return foreign is null ? null : $"it holds {foreign}, which recsharp did not write";
    }
}
