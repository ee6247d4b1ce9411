using System.Text.RegularExpressions;
using k8s;
using NewsPlatform.TestSupport;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The manifests against the Kubernetes API's own schema: every document of a built-in kind (Deployment, Service,
/// ConfigMap, Secret, PodDisruptionBudget, Namespace) is read into the official client's typed model strictly, so a
/// misspelt or misplaced field, or a value of the wrong type, fails here rather than at <c>kubectl apply</c>. The two
/// operators' resources (CloudNativePG's Cluster, the RabbitMQ Cluster Operator's RabbitmqCluster) are checked by their
/// operators; here only that they name the operator's API group.
/// </summary>
public sealed partial class KubernetesSchemaTests
{
    private static readonly string[] OperatorGroups = ["postgresql.cnpg.io/", "rabbitmq.com/"];

    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Repository.PathOf("deploy", "kubernetes"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_built_in_resource_matches_the_Kubernetes_API_schema(string file)
    {
        var documents = DocumentSeparator().Split(File.ReadAllText(Repository.PathOf("deploy", "kubernetes", file)))
            .Where(d => ApiVersion().IsMatch(d)).ToList();
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var apiVersion = ApiVersion().Match(document).Groups[1].Value;
            if (OperatorGroups.Any(group => apiVersion.StartsWith(group, StringComparison.Ordinal))) continue;
            var loaded = Assert.Single(KubernetesYaml.LoadAllFromString(document, strict: true)); // throws on any field the schema lacks
            Assert.IsAssignableFrom<IKubernetesObject>(loaded);
            if (loaded is k8s.Models.V1Deployment deployment)
                Assert.All(deployment.Spec.Template.Spec.Containers, c => Assert.False(string.IsNullOrEmpty(c.Image)));
        }
    }

    [Fact]
    public void A_misspelt_field_is_caught()
    {
        const string manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: misspelt }
            spec:
              replica: 2
              selector: { matchLabels: { app: x } }
              template:
                metadata: { labels: { app: x } }
                spec: { containers: [ { name: x, image: x } ] }
            """;
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(manifest, strict: true));
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^apiVersion:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex ApiVersion();
}
