using RecSharp.Cli.CommandLine;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Models;
using RecSharp.Persistence;

namespace RecSharp.Cli.Commands;

/// <summary>What a trained run folder holds: the model, its fitted preprocessing and the experiment that read its data.</summary>
internal sealed record RunArtifacts(MultiTaskModel Model, FittedPipeline Pipeline, ExperimentConfig Config)
{
    public static RunArtifacts Open(string folder, string dataPath)
    {
        string modelPath = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{folder} holds no model.safetensors: is it a folder written by recsharp train?", modelPath);
        string configPath = Path.Combine(folder, "experiment.yaml");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"{folder} holds no experiment.yaml (runs of the built-in example have no file format to read)", configPath);
        var (model, preprocessing) = ModelArtifact.Load(modelPath);
        if (preprocessing is null)
        {
            model.Dispose();
            throw new UsageException($"{modelPath} holds no fitted preprocessing");
        }
        var config = ExperimentConfigLoader.Load(configPath).WithDataPath(Path.GetFullPath(dataPath));
        return new RunArtifacts(model, FittedPipeline.FromJson(preprocessing), config);
    }
}
