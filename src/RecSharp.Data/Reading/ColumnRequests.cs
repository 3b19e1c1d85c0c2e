using RecSharp.Data.Configuration;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Reading;

/// <summary>Derives the columns to read, and their checks, from an experiment.</summary>
public static class ColumnRequests
{
    /// <summary>
    /// Every feature's column (dense as numbers, the rest as text) and, when <paramref name="includeLabels"/>,
    /// every task's label column (text for <c>positive</c> lists, numbers otherwise; never missing; 0/1 for
    /// binary tasks without a mapping; one of the listed values when <c>negative</c> is given too). A column used
    /// several ways is requested once with all checks.
    /// </summary>
    /// <param name="config">The experiment.</param>
    /// <param name="includeLabels">False to read prediction inputs that have no label columns.</param>
    public static IReadOnlyList<ColumnRequest> ForExperiment(ExperimentConfig config, bool includeLabels = true)
    {
        var requests = config.Features.Select(f => new ColumnRequest
        {
            Name = f.Column,
            Kind = f.Kind == FeatureKind.Dense ? ColumnValueKind.Number : ColumnValueKind.Text,
            ListDelimiter = f.Kind == FeatureKind.Sequence ? f.Delimiter : null,
        });

        if (includeLabels)
        {
            requests = requests.Concat(config.Tasks.Select(t => new ColumnRequest
            {
                Name = t.Label,
                Kind = t.Positive is null ? ColumnValueKind.Number : ColumnValueKind.Text,
                Required = true,
                ZeroOrOne = t.Type == TaskType.Binary && t.Positive is null && t.Threshold is null,
                AllowedValues = t.Negative is null ? null : [.. t.Positive!, .. t.Negative],
            }));
        }

        return Merge(requests);
    }

    /// <summary>The columns of the rows to score with an experiment's model: every feature's and
    /// <c>data.idColumn</c>.</summary>
    /// <param name="config">The experiment.</param>
    public static IReadOnlyList<ColumnRequest> ForPrediction(ExperimentConfig config)
        => config.Data.IdColumn is { } id
            ? Merge([.. ForExperiment(config, includeLabels: false), new ColumnRequest { Name = id }])
            : ForExperiment(config, includeLabels: false);

    /// <summary>
    /// The label columns (which no feature may read) other than <c>data.idColumn</c>: the columns a file to predict
    /// may leave out.
    /// </summary>
    /// <param name="config">The experiment.</param>
    public static IReadOnlyList<string> LabelOnlyColumns(ExperimentConfig config)
        => config.Tasks.Select(t => t.Label)
            .Where(label => label != config.Data.IdColumn)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Collapses requests for the same column, keeping every kind and check asked for (allowed values: those every
    /// request that restricts them allows; the first list delimiter given).
    /// </summary>
    /// <param name="requests">Requests that may name a column more than once.</param>
    public static IReadOnlyList<ColumnRequest> Merge(IEnumerable<ColumnRequest> requests)
        => requests
            .GroupBy(r => r.Name, StringComparer.Ordinal)
            .SelectMany(g => g.GroupBy(r => r.Kind).Select(k => new ColumnRequest
            {
                Name = g.Key,
                Kind = k.Key,
                Required = g.Any(r => r.Required),
                ZeroOrOne = g.Any(r => r.ZeroOrOne),
                AllowedValues = g.Select(r => r.AllowedValues).OfType<IReadOnlyList<string>>().Aggregate(
                    (IReadOnlyList<string>?)null, (all, next) => all is null ? next : all.Intersect(next).ToArray()),
                ListDelimiter = g.Select(r => r.ListDelimiter).FirstOrDefault(d => d is not null),
            }))
            .ToArray();
}
