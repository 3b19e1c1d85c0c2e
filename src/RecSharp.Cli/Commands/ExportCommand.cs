using System.Text;
using RecSharp.Application.CommandLine;
using RecSharp.Application.Display;
using RecSharp.Export;
using RecSharp.Persistence;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp export</c>: a run's model as ONNX, with the run's fitted preprocessing beside it as
/// <c>preprocessing.json</c>. Existing files are never replaced; each file appears whole or not at all.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The name of the preprocessing file written beside the model.</summary>
    public const string PreprocessingFileName = "preprocessing.json";

    /// <summary>The help text.</summary>
    public const string Help = """
        recsharp export --model runs/name --format onnx --out model.onnx

        Writes the run's model as ONNX (opset 17): one input per feature, named after it, and the output
        predictions [batch, tasks]. The run's fitted preprocessing (vocabularies, hashing, scalers) goes beside it as
        preprocessing.json, so that other runtimes can turn raw rows into the model's inputs. Refuses to replace
        existing files.
        """;

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, CliOutput output)
    {
        var parsed = ParsedArguments.Parse(args, ["--model", "--format", "--out"], ["--verbose"]);
        string format = parsed.Require("--format");
        if (format != "onnx") throw new UsageException($"--format {format} is not supported; the only format is onnx");
        string folder = parsed.Require("--model");
        string onnxPath = Path.GetFullPath(parsed.Require("--out"));
        string preprocessingPath = Path.Combine(Path.GetDirectoryName(onnxPath)!, PreprocessingFileName);
        if (onnxPath == preprocessingPath)
            throw new UsageException($"--out must not be named {PreprocessingFileName}, which is written beside it");
        string modelPath = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"{folder} holds no model.safetensors: is it a folder written by recsharp train?", modelPath);
        }
        RequireAbsent(onnxPath);
        RequireAbsent(preprocessingPath);

        var (model, preprocessing) = ModelArtifact.Load(modelPath);
        using (model)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(onnxPath)!);
            OnnxExporter.Export(model, onnxPath, ModelHash.OfFile(modelPath));
            string tasks = string.Join(", ", model.Tasks.Select(t => t.Name));
            output.Writer.WriteLine($"Wrote {onnxPath}: inputs {string.Join(", ", model.Layout.FeatureNames)}; "
                + $"output {OnnxExporter.OutputName} [batch, {model.Tasks.Count}] ({tasks})");
        }
        if (preprocessing is null)
        {
            output.Writer.WriteLine($"{modelPath} holds no fitted preprocessing (the model was saved without one), "
                + $"so no {PreprocessingFileName} was written");
            return 0;
        }
        try
        {
            RequireAbsent(preprocessingPath);
            AtomicFile.WriteAllBytes(preprocessingPath, Encoding.UTF8.GetBytes(preprocessing));
        }
        catch
        {
            File.Delete(onnxPath);
            throw;
        }
        output.Writer.WriteLine($"Wrote {preprocessingPath}: the fitted preprocessing that turns raw rows into inputs");
        return 0;
    }

    private static void RequireAbsent(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new IOException(
                $"{path} already exists; recsharp export never replaces a file: remove it or choose another --out");
        }
    }
}
