using RecSharp.Catalog;
using RecSharp.Data.Configuration;
using RecSharp.Data.Schema;
using RecSharp.Features;

namespace RecSharp.Data.Tests.Configuration;

public class ExperimentConfigLoaderTests
{
    private const string Minimal = """
        tasks:
          - name: click
            type: binary
            label: clicked
        features:
          - name: user
            kind: sparse
        model:
          type: mmoe
        """;

    private static ConfigurationException Fails(string yaml)
        => Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Parse(yaml, "test.yaml"));

    [Fact]
    public void MinimalFileTakesEveryDefault()
    {
        var config = ExperimentConfigLoader.Parse(Minimal);

        Assert.Null(config.Data.Path);
        Assert.Equal(',', config.Data.Separator);
        Assert.True(config.Data.Header);
        Assert.Null(config.Data.Columns);
        Assert.Equal([""], config.Data.Missing);
        Assert.True(config.Data.TrimSpaces);

        var task = Assert.Single(config.Tasks);
        Assert.Equal(("click", TaskType.Binary, "clicked"), (task.Name, task.Type, task.Label));
        Assert.Null(task.Positive);
        Assert.Null(task.Threshold);

        var feature = Assert.Single(config.Features);
        Assert.Equal("user", feature.Column);
        Assert.Equal(EmbeddingDim.Default, feature.EmbeddingDim);
        Assert.Equal(4, feature.EmbeddingDim.Value);
        Assert.Equal(1, feature.MinCount);

        Assert.Equal("mmoe", config.Model.Type.Name);
        Assert.Empty(config.Model.Parameters);

        var training = config.Training;
        Assert.Equal("adam", training.Optimizer);
        Assert.Null(training.LearningRate);
        Assert.Null(training.Losses);
        Assert.Null(training.LossWeights);
        Assert.Null(training.Metrics);
        Assert.Null(training.TaskMetrics);
        Assert.Null(training.GroupBy);
        Assert.Equal(["auc", "logloss"], training.MetricsOfTask([("click", TaskType.Binary)])!["click"]);
        Assert.Equal(256, training.BatchSize);
        Assert.Equal(1, training.Epochs);
        Assert.Equal(0, training.ValidationSplit);
        Assert.Equal(0.2, training.TestSplit);
        Assert.Equal(1024, training.ShuffleSeed);
        Assert.Equal(1024, training.Seed);
        Assert.Null(training.Threads);
        Assert.Null(training.EarlyStopping);
    }

    [Fact]
    public void EverySectionIsRead()
    {
        const string yaml = """
            data:
              path: data/train.csv.gz
              separator: "\t"
              header: false
              columns: [uid, iid, price, tags, clicked, amount, status]
              missing: ["?", "NA", ""]
              trimSpaces: false
            tasks:
              - { name: click, type: binary, label: clicked, threshold: 0.5 }
              - { name: spend, type: regression, label: amount }
              - { name: done, type: binary, label: status, positive: [ok, finished] }
            features:
              - { name: user, column: uid, kind: sparse, embeddingDim: auto, minCount: 3 }
              - { name: item, column: iid, kind: hashed, buckets: 1000, embeddingDim: 8 }
              - { name: price, kind: dense, fill: -1.5, scaler: log1p }
              - { name: tags, kind: sequence, delimiter: ";", maxLen: 5, combiner: sum }
            model:
              type: ple
              sharedExpertNum: 2
              specificExpertNum: 1
              numLevels: 3
              expertDnnHiddenUnits: [128, 64]
              gateDnnHiddenUnits: []
              towerDnnHiddenUnits: [32]
              l2RegEmbedding: 1e-5
              dnnDropout: 0.1
              dnnActivation: relu
              dnnUseBn: true
              seed: 7
              device: cuda:0
            training:
              optimizer: AdaGrad
              learningRate: 0.01
              losses: [binary_crossentropy, mse, binary_crossentropy]
              lossWeights: [1, 0.5, 2]
              metrics: [auc]
              batchSize: 512
              epochs: 3
              validationSplit: 0.1
              testSplit: 0
              shuffleSeed: 1
              seed: 2
              threads: 4
              earlyStopping: { monitor: val_click_auc, patience: 2, mode: max, minDelta: 0.001 }
            """;

        var config = ExperimentConfigLoader.Parse(yaml, "full.yaml", "/base");

        Assert.Equal(Path.GetFullPath("/base/data/train.csv.gz"), config.Data.Path);
        Assert.Equal('\t', config.Data.Separator);
        Assert.False(config.Data.Header);
        Assert.Equal(7, config.Data.Columns!.Count);
        Assert.Equal(["?", "NA", ""], config.Data.Missing);
        Assert.False(config.Data.TrimSpaces);

        Assert.Equal(0.5, config.Tasks[0].Threshold);
        Assert.Equal(TaskType.Regression, config.Tasks[1].Type);
        Assert.Equal(["ok", "finished"], config.Tasks[2].Positive);

        var (user, item, price, tags) = (config.Features[0], config.Features[1], config.Features[2],
            config.Features[3]);
        Assert.Equal(("uid", FeatureKind.Sparse, 3), (user.Column, user.Kind, user.MinCount));
        Assert.True(user.EmbeddingDim.IsAuto);
        Assert.Equal((1000, 8), (item.Buckets!.Value, item.EmbeddingDim.Value));
        Assert.Equal((-1.5, ScalerKind.Log1p), (price.Fill, price.Scaler));
        Assert.Equal((";", 5, SequenceCombiner.Sum), (tags.Delimiter, tags.MaxLen!.Value, tags.Combiner));

        var parameters = config.Model.Parameters;
        Assert.Equal("ple", config.Model.Type.Name);
        Assert.Equal(2, parameters.GetInt("sharedExpertNum", 1));
        Assert.Equal(3, parameters.GetInt("numLevels", 2));
        Assert.Equal([128, 64], parameters.GetIntList("expertDnnHiddenUnits", []));
        Assert.Empty(parameters.GetIntList("gateDnnHiddenUnits", [64]));
        Assert.Equal(1e-5, parameters.GetDouble("l2RegEmbedding", 0));
        Assert.Equal(0.1, parameters.GetDouble("dnnDropout", 0));
        Assert.True(parameters.GetBool("dnnUseBn", false));
        Assert.Equal("cuda:0", parameters.GetString("device", "cpu"));
        Assert.Equal(7, parameters.GetInt("seed", 1024));
        Assert.Equal(0.0, parameters.GetDouble("l2RegDnn", 0.0));

        var training = config.Training;
        Assert.Equal("adagrad", training.Optimizer);
        Assert.Equal(0.01, training.LearningRate);
        Assert.Equal(["binary_crossentropy", "mse", "binary_crossentropy"], training.Losses);
        Assert.Equal([1, 0.5, 2], training.LossWeights);
        Assert.Equal(["auc"], training.Metrics);
        Assert.Equal((512, 3, 0.1, 0.0),
            (training.BatchSize, training.Epochs, training.ValidationSplit, training.TestSplit));
        Assert.Equal((1, 2, 4), (training.ShuffleSeed, training.Seed, training.Threads!.Value));
        Assert.Equal(new EarlyStoppingConfig { Monitor = "val_click_auc", Patience = 2, Mode = "max",
            MinDelta = 0.001 }, training.EarlyStopping);

        Assert.Equal(["uid", "iid", "price", "tags", "clicked", "amount", "status"], config.RequiredColumns());
        Assert.Equal("/other.csv", config.WithDataPath("/other.csv").Data.Path);
    }

    [Fact]
    public void ExperimentFileThatIsNotUtf8IsRefusedAtTheLine()
    {
        using var folder = new Support.TempFolder();
        var path = Path.Combine(folder.Path, "latin1.yaml");
        var yaml = Minimal.Replace("label: clicked", "label: clicked\n    positive: [Zürich]");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(yaml));

        var error = Assert.Throws<ConfigurationException>(() => ExperimentConfigLoader.Load(path));

        Assert.Equal(5, error.Line);
        Assert.StartsWith("latin1.yaml, line 5: the text is not valid UTF-8 (bytes 0xFC)", error.Message);
    }

    [Fact]
    public void AbsoluteDataPathIsKept()
    {
        var config = ExperimentConfigLoader.Parse("data: { path: /data/x.csv }\n" + Minimal, "t.yaml", "/base");
        Assert.Equal("/data/x.csv", config.Data.Path);
    }

    [Fact]
    public void LoadResolvesRelativePathAgainstTheFileFolder()
    {
        using var folder = new Support.TempFolder();
        var file = folder.Write("exp.yaml", "data: { path: sub/rows.csv }\n" + Minimal);

        var config = ExperimentConfigLoader.Load(file);

        Assert.Equal(Path.Combine(folder.Path, "sub", "rows.csv"), config.Data.Path);
    }

    [Theory]
    [InlineData("training:\n  batchSise: 3\n", "batchSise", 11)]
    [InlineData("data:\n  header: true\n  separater: \";\"\n", "separater", 12)]
    [InlineData("extra: 1\n", "extra", 10)]
    [InlineData("training:\n  earlyStopping:\n    monitor: loss\n    patients: 3\n", "patients", 13)]
    public void UnknownKeyIsNamedWithItsLine(string tail, string key, int line)
    {
        var error = Fails(Minimal + "\n" + tail);

        Assert.Equal(line, error.Line);
        Assert.Contains($"unknown key '{key}'", error.Message);
        Assert.StartsWith($"test.yaml, line {line}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void MetricsListedPerTaskReplaceTheDefaultsOfTheTasksTheyName()
    {
        var yaml = """
            tasks:
              - { name: click, type: binary, label: clicked }
              - { name: watch_time, type: regression, label: seconds }
              - { name: like, type: binary, label: liked }
            features:
              - { name: user, kind: hashed, buckets: 100 }
            model:
              type: mmoe
            training:
              groupBy: user
              metrics:
                click: [AUC, gauc, mse]
                watch_time: [mae]
            """;

        var training = ExperimentConfigLoader.Parse(yaml).Training;
        var metrics = training.MetricsOfTask(
            [("click", TaskType.Binary), ("watch_time", TaskType.Regression), ("like", TaskType.Binary)])!;

        Assert.Null(training.Metrics);
        Assert.Equal("user", training.GroupBy);
        Assert.Equal(["auc", "gauc", "mse"], metrics["click"]);
        Assert.Equal(["mae"], metrics["watch_time"]);
        Assert.Equal(["auc", "logloss"], metrics["like"]);               // not named: the default of a binary task
    }

    [Fact]
    public void AMetricsListIsLeftToTheModelToApplyByTaskType()
    {
        var yaml = Minimal + "\ntraining:\n  metrics: [auc, logloss]\n";

        var training = ExperimentConfigLoader.Parse(yaml).Training;

        Assert.Equal(["auc", "logloss"], training.Metrics);
        Assert.Null(training.MetricsOfTask([("click", TaskType.Binary)]));
    }

    [Fact]
    public void AClassificationMetricForARegressionTaskIsNamedWithItsLine()
    {
        var yaml = Minimal.Replace("type: binary", "type: regression") +
                   "\ntraining:\n  metrics:\n    click: [mse, auc]\n";

        var error = Fails(yaml);

        Assert.Contains("'training.metrics.click' lists auc, which needs 0/1 labels, but task 'click' is a regression",
            error.Message);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void UnknownKeyInsideAListItemIsNamedWithItsLine()
    {
        var error = Fails(Minimal.Replace("    kind: sparse", "    kind: sparse\n    embedingDim: 8"));
        Assert.Equal(8, error.Line);
        Assert.Contains("unknown key 'embedingDim' in 'features[0]'", error.Message);
    }

    [Fact]
    public void UnknownModelParameterIsAnError()
    {
        var error = Fails(Minimal + "\n  numLevels: 2\n");
        Assert.Equal(10, error.Line);
        Assert.Contains("unknown key 'numLevels' in 'model'", error.Message);
    }

    [Theory]
    [InlineData("training: { batchSize: -1 }", "'training.batchSize' must be positive, got -1")]
    [InlineData("training: { batchSize: lots }", "'training.batchSize' must be a whole number, got 'lots'")]
    [InlineData("training: { epochs: 0 }", "'training.epochs' must be positive")]
    [InlineData("training: { testSplit: 1.5 }", "'training.testSplit' must be in [0, 1)")]
    [InlineData("training: { optimizer: lbfgs }", "'training.optimizer' must be one of")]
    [InlineData("training: { metrics: [auc, f1] }", "unknown metric 'f1'")]
    [InlineData("training: { metrics: [auc, mse] }", "lists mse, which is computed on regression tasks only")]
    [InlineData("training: { metrics: { click: [auc, f1] } }", "unknown metric 'f1' in 'training.metrics.click'")]
    [InlineData("training: { metrics: { clicks: [auc] } }", "unknown key 'clicks' in 'training.metrics'")]
    [InlineData("training: { metrics: auc }", "'training.metrics' must be a list of metrics, or a mapping")]
    [InlineData("training: { metrics: [gauc] }", "set 'training.groupBy'")]
    [InlineData("training: { groupBy: item }", "must name a sparse or hashed feature, got 'item' (those: user)")]
    [InlineData("training: { losses: [mse, mse] }", "lists 2 losses for 1 tasks")]
    [InlineData("training: { lossWeights: [-1] }", "must not be negative")]
    [InlineData("training: { earlyStopping: { monitor: val_loss } }", "'training.validationSplit' is 0")]
    [InlineData("data: { separator: ';;' }", "must be a single character")]
    [InlineData("data: { header: false }", "'data.columns' must list the column names")]
    [InlineData("data: { columns: [a, b] }", "only used when 'data.header' is false")]
    [InlineData("data: { header: maybe }", "'data.header' must be true or false")]
    public void InvalidValuesAreReported(string section, string expected)
    {
        var error = Fails(Minimal + "\n" + section + "\n");
        Assert.Contains(expected, error.Message);
        Assert.Equal(10, error.Line);
    }

    [Theory]
    [InlineData("kind: sparse", "kind: bucketed",
        "'features[0].kind' must be one of sparse, hashed, dense, sequence, got 'bucketed'")]
    [InlineData("kind: sparse", "kind: sequence", "sequence feature 'user' needs 'maxLen'")]
    [InlineData("kind: sparse", "kind: hashed", "hashed feature 'user' needs 'buckets'")]
    [InlineData("kind: sparse", "kind: dense\n    buckets: 3", "'buckets' does not apply to dense feature 'user'")]
    [InlineData("kind: sparse", "kind: sparse\n    embeddingDim: 0", "must be a positive whole number or 'auto'")]
    [InlineData("kind: sparse", "kind: sparse\n    minCount: 0", "'features[0].minCount' must be positive")]
    [InlineData("kind: sparse", "kind: dense\n    scaler: zscore",
        "'features[0].scaler' must be one of none, minmax, standard, log1p")]
    [InlineData("type: binary", "type: ranking", "'tasks[0].type' must be one of binary, regression")]
    [InlineData("label: clicked", "label: clicked\n    positive: [y]\n    threshold: 1",
        "gives both 'positive' and 'threshold'")]
    [InlineData("type: binary", "type: regression\n    positive: [y]", "'positive' applies only to binary tasks")]
    [InlineData("type: mmoe", "type: transformer", "'model.type' must be one of ple, cgc, mmoe, sharedbottom, esmm")]
    [InlineData("type: mmoe", "type: mmoe\n  numExperts: 1", "'model.numExperts' must be at least 2, got 1")]
    [InlineData("type: mmoe", "type: ple\n  sharedExpertNum: -1", "'model.sharedExpertNum' must be at least 0, got -1")]
    [InlineData("type: mmoe", "type: mmoe\n  dnnDropout: 1", "'model.dnnDropout' must be in [0, 1)")]
    [InlineData("type: mmoe", "type: mmoe\n  expertDnnHiddenUnits: [64, 0]", "must list positive layer widths")]
    [InlineData("type: mmoe", "type: mmoe\n  expertDnnHiddenUnits: 64", "'model.expertDnnHiddenUnits' must be a list")]
    [InlineData("type: mmoe", "type: mmoe\n  device: gpu", "'model.device' must be cpu, cuda, cuda:N or auto")]
    [InlineData("type: mmoe", "type: mmoe\n  dnnActivation: tanhh",
        "'model.dnnActivation' must be one of relu, sigmoid")]
    [InlineData("type: mmoe", "type: esmm", "an esmm model needs exactly two binary tasks")]
    [InlineData("label: clicked", "label: clicked\n    negative: [n]", "gives 'negative' without 'positive'")]
    [InlineData("label: clicked", "label: clicked\n    positive: [y]\n    negative: [n, y]", "'y' as both")]
    [InlineData("label: clicked", "label: clicked\n    positive: [y]\n    negative: []", "negative' must list")]
    [InlineData("type: binary", "type: regression\n    negative: [n]", "'negative' applies only to binary tasks")]
    public void InvalidSectionValuesAreReported(string find, string replace, string expected)
    {
        var error = Fails(Minimal.Replace(find, replace));
        Assert.Contains(expected, error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void DuplicateFeatureNamesAreReportedAtTheSecond()
    {
        var error = Fails(Minimal.Replace("    kind: sparse", "    kind: sparse\n  - name: user\n    kind: dense"));
        Assert.Equal(8, error.Line);
        Assert.Contains("feature name 'user' is used twice", error.Message);
    }

    [Fact]
    public void DuplicateTaskNamesAreReportedAtTheSecond()
    {
        var error = Fails(Minimal.Replace("    label: clicked", "    label: clicked\n  - name: click\n    type: binary"
            + "\n    label: bought"));
        Assert.Equal(5, error.Line);
        Assert.Contains("task name 'click' is used twice", error.Message);
    }

    [Fact]
    public void LabelColumnMustBeAmongTheColumns()
    {
        var error = Fails("data:\n  header: false\n  columns: [user, clicks]\n" + Minimal);
        Assert.Equal(7, error.Line);
        Assert.Contains("label column 'clicked' of task 'click' is not in 'data.columns'", error.Message);
    }

    [Fact]
    public void PositiveAndNegativeValuesAreRead()
    {
        var yaml = Minimal.Replace("label: clicked", "label: clicked\n    positive: [y]\n    negative: [n, \"\"]");

        var task = ExperimentConfigLoader.Parse(yaml).Tasks[0];

        Assert.Equal(["y"], task.Positive);
        Assert.Equal(["n", ""], task.Negative);
    }

    [Theory]
    [InlineData("name: user\n    kind: sparse", "name: clicked\n    kind: sparse", 6, "'clicked'")]
    [InlineData("name: user\n    kind: sparse", "name: user\n    kind: dense\n    column: clicked", 8, "'user'")]
    public void FeatureReadingALabelColumnIsRefused(string find, string replace, int line, string feature)
    {
        var error = Fails(Minimal.Replace(find, replace));

        Assert.Equal(line, error.Line);
        Assert.Contains(
            $"feature {feature} reads column 'clicked', the label of task 'click'; a label used as an input leaks",
            error.Message);
    }

    [Fact]
    public void FeatureColumnMustBeAmongTheColumns()
    {
        var error = Fails("data:\n  header: false\n  columns: [clicked]\n" + Minimal);
        Assert.Contains("column 'user' of feature 'user' is not in 'data.columns'", error.Message);
    }

    [Theory]
    [InlineData("features:\n  - { name: a, kind: sparse }\nmodel: { type: mmoe }\n", "needs a 'tasks' list")]
    [InlineData("tasks: []\nfeatures:\n  - { name: a, kind: sparse }\nmodel: { type: mmoe }\n",
        "'tasks' must list at least one task")]
    [InlineData("tasks:\n  - { name: t, type: binary, label: y }\nmodel: { type: mmoe }\n", "needs a 'features' list")]
    [InlineData("tasks:\n  - { name: t, type: binary, label: y }\nfeatures:\n  - { name: a, kind: sparse }\n",
        "needs a 'model' section")]
    [InlineData("tasks:\n  - { type: binary, label: y }\n", "'tasks[0]' needs the key 'name'")]
    [InlineData("tasks:\n  - { name: t, type: binary, label: y }\nfeatures: []\n",
        "'features' must list at least one feature")]
    public void MissingSectionsAreReported(string yaml, string expected)
        => Assert.Contains(expected, Fails(yaml).Message);

    [Fact]
    public void MalformedYamlIsReportedWithItsLine()
    {
        var error = Fails("tasks:\n  - name: [unclosed\n");
        Assert.NotNull(error.Line);
        Assert.Contains("not valid YAML", error.Message);
    }

    [Theory]
    [InlineData("features: [user\nmodel:\n  type: mmoe\n", 5, '[')]
    [InlineData("features:\n  - { name: user, kind: sparse\nmodel:\n  type: mmoe\n", 6, '{')]
    [InlineData("features:\n  - name: u # [note\n    kind: sparse\nmodel: { type: mmoe, x: \"[\", y: [8\n", 8, '[')]
    public void UnclosedBracketIsReportedAtTheLineItOpens(string tail, int line, char bracket)
    {
        var error = Fails("tasks:\n  - name: click\n    type: binary\n    label: clicked\n" + tail);

        Assert.Equal(line, error.Line);
        Assert.Equal(
            $"test.yaml, line {line}: not valid YAML: the '{bracket}' opened on this line is not closed",
            error.Message);
    }

    [Theory]
    [InlineData("tasks:\n\t- name: click\n", 2)]
    [InlineData("tasks:\n  - name: click\n    type: binary\n\t  label: clicked\n", 4)]
    [InlineData("tasks:\n  - name: click\n    type: binary\n    label: clicked\nfeatures:\n\t# note\n", 6)]
    public void TabIndentationIsReportedAtItsLine(string yaml, int line)
    {
        var error = Fails(yaml);

        Assert.Equal(line, error.Line);
        Assert.Contains("a tab is used for indentation", error.Message);
    }

    [Theory]
    [InlineData("---\ntasks: []\n", 10)]
    [InlineData("--- # second\n", 10)]
    public void SecondYamlDocumentIsRefused(string second, int line)
    {
        var error = Fails(Minimal + "\n" + second);

        Assert.Equal(line, error.Line);
        Assert.Contains("a second YAML document starts here", error.Message);
    }

    [Fact]
    public void DocumentMarkersAroundOneDocumentAreFine()
        => Assert.Equal("mmoe", ExperimentConfigLoader.Parse("---\n" + Minimal + "\n...\n").Model.Type.Name);

    [Fact]
    public void DuplicateKeysAreReported()
    {
        var error = Fails(Minimal + "\ntraining:\n  epochs: 1\n  epochs: 2\n");
        Assert.Equal(12, error.Line);
        Assert.Contains("Duplicate key epochs", error.Message);
    }

    [Fact]
    public void NonMappingFileIsReported()
        => Assert.Contains("the file must be a mapping", Fails("- a\n- b\n").Message);

    [Fact]
    public void EmptyFileIsReported() => Assert.Contains("empty", Fails("").Message);

    [Fact]
    public void EsmmAcceptsTwoBinaryTasks()
    {
        var yaml = Minimal.Replace("type: mmoe", "type: esmm\n  towerDnnHiddenUnits: [128, 64]")
            .Replace("    label: clicked", "    label: clicked\n  - { name: buy, type: binary, label: bought }");
        var config = ExperimentConfigLoader.Parse(yaml);
        Assert.Equal("esmm", config.Model.Type.Name);
        Assert.Equal([128, 64], config.Model.Parameters.GetIntList("towerDnnHiddenUnits", []));
    }

    // A parameter of each model type's own.
    public static TheoryData<string, string> SpecificParameters => new()
    {
        { "ple", "numLevels" }, { "cgc", "specificExpertNum" }, { "mmoe", "numExperts" },
        { "sharedbottom", "bottomDnnHiddenUnits" }, { "esmm", "towerDnnHiddenUnits" },
    };

    [Theory]
    [MemberData(nameof(SpecificParameters))]
    public void CatalogListsModelSpecificAndCommonParameters(string type, string specific)
    {
        var catalog = ModelParameterCatalog.For(type).Select(p => p.Name).ToArray();
        Assert.Contains(specific, catalog);
        Assert.Contains("l2RegEmbedding", catalog);
        Assert.Contains("dnnUseBn", catalog);
    }

    [Fact]
    public void EmbeddingDimensionAutoResolvesFromVocabularySize()
    {
        Assert.Equal(6 * 3, EmbeddingDim.Auto.Resolve(100));
        Assert.Equal(6, EmbeddingDim.Auto.Resolve(2));
        Assert.Equal(8, EmbeddingDim.Fixed(8).Resolve(100));
    }
}
