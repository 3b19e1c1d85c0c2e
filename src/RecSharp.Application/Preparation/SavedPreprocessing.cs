using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Application.Preparation;

/// <summary>The fitted preprocessing of an earlier run, reused so that a retrained model keeps the same ids.</summary>
internal static class SavedPreprocessing
{
    /// <summary>
    /// Reads the preprocessing saved in <c>model.safetensors</c> of a run folder and checks that it has the
    /// experiment's features and tasks.
    /// </summary>
    /// <param name="runFolder">A folder written by <c>recsharp train</c>.</param>
    /// <param name="config">The experiment to train.</param>
    /// <exception cref="FileNotFoundException">When the folder has no model.</exception>
    /// <exception cref="ArgumentException">
    /// When the model has no preprocessing, or one for other features or tasks.
    /// </exception>
    public static FittedPipeline Load(string runFolder, ExperimentConfig config)
    {
        string path = Path.Combine(runFolder, "model.safetensors");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"--preprocessing names {runFolder}, which holds no model.safetensors: is it a run of recsharp train?",
                path);
        }
        if (!SafeTensorsFormat.Read(path).Metadata.TryGetValue(ModelArtifact.PreprocessingKey, out var json))
            throw new ArgumentException($"{path} holds no fitted preprocessing (the model was saved without one)");
        var pipeline = FittedPipeline.FromJson(json);
        return pipeline.MismatchWith(config) is { } problem
            ? throw new ArgumentException($"the preprocessing in {path} {problem}")
            : pipeline;
    }
}
