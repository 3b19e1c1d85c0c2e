using RecSharp.Inputs;

namespace RecSharp.Training;

/// <summary>Each row's group (for GAUC): the values of the <c>groupBy</c> input, as 64-bit keys.</summary>
internal static class GroupKeys
{
    /// <summary>
    /// The keys of <paramref name="inputs"/>' <paramref name="groupBy"/> column, or null without a
    /// <paramref name="groupBy"/>. String ids are numbered in <paramref name="ordinals"/> when given, so that the
    /// chunks of one stream number them alike.
    /// </summary>
    public static long[]? Of(IReadOnlyDictionary<string, Array> inputs, string? groupBy,
        Dictionary<string, long>? ordinals = null)
    {
        if (groupBy is null) return null;
        if (!inputs.TryGetValue(groupBy, out var column))
        {
            throw new InputValidationException($"groupBy names \"{groupBy}\", but the inputs have no such array",
                groupBy);
        }
        return column switch
        {
            int[] ids => Array.ConvertAll(ids, id => (long)id),
            long[] ids => (long[])ids.Clone(),
            string[] values => Ordinals(values, ordinals ?? new Dictionary<string, long>(StringComparer.Ordinal)),
            _ => throw new InputValidationException(
                $"groupBy input \"{groupBy}\" must be a 1-D array of int, long or string ids", groupBy),
        };
    }

    // Equal strings get equal keys; the keys say nothing else.
    private static long[] Ordinals(string[] values, Dictionary<string, long> keys) =>
        Array.ConvertAll(values, v => keys.TryGetValue(v ?? "", out long key) ? key : keys[v ?? ""] = keys.Count);
}
