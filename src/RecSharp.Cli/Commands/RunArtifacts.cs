using System.Text.Json;
using RecSharp.Application.CommandLine;
using RecSharp.Data.Configuration;
using RecSharp.Data.Preprocessing;
using RecSharp.Models;
using RecSharp.Persistence;
using RecSharp.Persistence.SafeTensors;

namespace RecSharp.Cli.Commands;

/// <summary>What a trained run folder holds: the model, its fitted preprocessing and the experiment that read its
/// data.</summary>
internal sealed record RunArtifacts(MultiTaskModel Model, FittedPipeline Pipeline, ExperimentConfig Config)
{
    public static RunArtifacts Open(string folder, string dataPath)
    {
        if (File.Exists(folder))
            throw new UsageException($"--model names the file {folder}; give the run folder that holds it");
        string modelPath = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"{folder} holds no model.safetensors: is it a folder written by recsharp train?", modelPath);
        }
        string configPath = Path.Combine(folder, "experiment.yaml");
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException(
                $"{folder} holds no experiment.yaml (runs of the built-in example have no file format to read)",
                configPath);
        }
        var (model, preprocessing) = Load(modelPath);
        if (preprocessing is null)
        {
            model.Dispose();
            throw new ModelArtifactException($"{modelPath} holds no fitted preprocessing");
        }
        try
        {
            var config = ExperimentConfigLoader.Load(configPath).WithDataPath(Path.GetFullPath(dataPath));
            return new RunArtifacts(model, FittedPipeline.FromJson(preprocessing), config);
        }
        catch (Exception e)
        {
            model.Dispose();
            if (e is JsonException)
                throw new ModelArtifactException($"{modelPath} holds malformed fitted preprocessing: {e.Message}", e);
            throw;
        }
    }

    // Whatever is wrong with the file, the message names it.
    private static (MultiTaskModel Model, string? Preprocessing) Load(string modelPath)
    {
        try
        {
            return ModelArtifact.Load(modelPath);
        }
        catch (Exception e)
            when ((e is SafeTensorsFormatException or StateDictMismatchException or IOException or JsonException
                                       or InvalidDataException)
                                           && !e.Message.Contains(modelPath, StringComparison.Ordinal))
        {
            throw new ModelArtifactException($"{modelPath}: {e.Message}", e);
        }
    }
}
