using System.Text.Json.Nodes;

namespace LrCluster.Deploy.Tests;

/// <summary>What the silo workload must look like in every overlay (and in the base).</summary>
public sealed class WorkloadTests
{
    public static TheoryData<string> Paths => new() { "base", "overlays/gpu", "overlays/dev" };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Silos_roll_out_surge_first_with_max_unavailable_zero(string path)
    {
        var strategy = Rendered.Of(path).Silo["spec"]!["strategy"]!;

        Assert.Equal("RollingUpdate", (string?)strategy["type"]);
        Assert.Equal(0, (int)strategy["rollingUpdate"]!["maxUnavailable"]!);
        Assert.Equal(1, (int)strategy["rollingUpdate"]!["maxSurge"]!);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Probes_use_the_three_health_endpoints_on_the_gateway_port(string path)
    {
        var c = Rendered.Of(path).SiloContainer;

        Assert.Equal("/health/startup", (string?)c["startupProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/health/ready", (string?)c["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/health/live", (string?)c["livenessProbe"]!["httpGet"]!["path"]);
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("http", (string?)c[probe]!["httpGet"]!["port"]);
        }

        Assert.Equal(8080, Port(c, "http"));
        Assert.Equal("8080", (string?)Rendered.Of(path).SiloConfig["LRC_PORT"]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_orleans_silo_and_gateway_ports_are_named_on_the_container_and_agree_with_the_settings(string path)
    {
        var rendered = Rendered.Of(path);
        var c = rendered.SiloContainer;

        Assert.Equal(["http", "orleans-silo", "orleans-gateway"], c["ports"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.All(c["ports"]!.AsArray(), p => Assert.Equal("TCP", (string?)p!["protocol"]));
        Assert.Equal(11111, Port(c, "orleans-silo"));
        Assert.Equal(30000, Port(c, "orleans-gateway"));
        Assert.Equal("11111", (string?)rendered.SiloConfig["LRC_SILO_PORT"]);
        Assert.Equal("30000", (string?)rendered.SiloConfig["LRC_GATEWAY_PORT"]);
        Assert.Equal("lrc", (string?)rendered.SiloConfig["LRC_CLUSTER_ID"]);
        Assert.Equal("lrcluster", (string?)rendered.SiloConfig["LRC_SERVICE_ID"]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_headless_service_names_the_orleans_ports_of_every_silo_ready_or_not(string path)
    {
        var rendered = Rendered.Of(path);

        var service = rendered.Single("Service", "lrc-silo")["spec"]!;
        Assert.Equal("None", (string?)service["clusterIP"]);
        Assert.True((bool?)service["publishNotReadyAddresses"]);
        AssertSelects(service["selector"]!.AsObject(), rendered);
        Assert.Equal(["orleans-silo:11111->orleans-silo", "orleans-gateway:30000->orleans-gateway"],
            service["ports"]!.AsArray().Select(p => $"{p!["name"]}:{p["port"]}->{p["targetPort"]}"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_container_runs_non_root_read_only_without_capabilities(string path)
    {
        var rendered = Rendered.Of(path);
        var pods = rendered.OfKind("Deployment").Concat(rendered.OfKind("StatefulSet"))
            .Select(w => (Name: Rendered.Name(w), Spec: w["spec"]!["template"]!["spec"]!));

        foreach (var (name, pod) in pods)
        {
            Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, $"{name}: pod runAsNonRoot");
            Assert.True((long?)pod["securityContext"]?["runAsUser"] > 0, $"{name}: pod runAsUser is a non-zero uid");
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]?["seccompProfile"]?["type"]);
            foreach (var c in pod["containers"]!.AsArray())
            {
                var sc = c!["securityContext"];
                Assert.True((bool?)sc?["readOnlyRootFilesystem"] == true, $"{name}/{c["name"]}: readOnlyRootFilesystem");
                Assert.True((bool?)sc?["allowPrivilegeEscalation"] == false, $"{name}/{c["name"]}: allowPrivilegeEscalation false");
                Assert.Equal(["ALL"], sc!["capabilities"]!["drop"]!.AsArray().Select(x => (string?)x));
                Assert.Null(sc["capabilities"]!["add"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_silo_writes_only_to_an_empty_dir_at_tmp_and_reads_its_data_root_read_only(string path)
    {
        var rendered = Rendered.Of(path);

        var mounts = rendered.SiloContainer["volumeMounts"]!.AsArray();
        Assert.Equal(["/tmp", "/data"], mounts.Select(m => (string?)m!["mountPath"]));
        var tmp = mounts[0]!;
        Assert.NotEqual(true, (bool?)tmp["readOnly"]);
        var volume = Assert.Single(rendered.SiloPod["volumes"]!.AsArray(), v => (string?)v!["name"] == (string?)tmp["name"]);
        Assert.NotNull(volume!["emptyDir"]);
        Assert.Equal("/tmp", (string?)rendered.SiloConfig["HOME"]);

        // The data root: read-only, the only root, and a claim of the overlay's (dev: an empty folder, no RWX storage).
        var data = mounts[1]!;
        Assert.True((bool?)data["readOnly"]);
        Assert.Equal("/data", (string?)rendered.SiloConfig["LRC_DATA_ROOTS"]);
        var dataVolume = Assert.Single(rendered.SiloPod["volumes"]!.AsArray(), v => (string?)v!["name"] == (string?)data["name"])!;
        if (path == "overlays/dev")
        {
            Assert.NotNull(dataVolume["emptyDir"]);
            Assert.Null(rendered.Find("PersistentVolumeClaim", "lrc-data"));
        }
        else
        {
            Assert.Equal("lrc-data", (string?)dataVolume["persistentVolumeClaim"]!["claimName"]);
            Assert.True((bool?)dataVolume["persistentVolumeClaim"]!["readOnly"]);
            var claim = rendered.Single("PersistentVolumeClaim", "lrc-data");
            Assert.Equal(["ReadWriteMany"], claim["spec"]!["accessModes"]!.AsArray().Select(m => (string?)m));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Pod_identity_comes_from_the_downward_api(string path)
    {
        var rendered = Rendered.Of(path);

        Assert.Equal("metadata.name", (string?)rendered.Env("POD_NAME")["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("metadata.namespace", (string?)rendered.Env("POD_NAMESPACE")["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("status.podIP", (string?)rendered.Env("POD_IP")["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.DoesNotContain("LRC_NAME", rendered.SiloConfig.Select(kv => kv.Key));

        // $(POD_IP) is expanded by the kubelet only from variables defined earlier in the list.
        Assert.Equal("$(POD_IP)", (string?)rendered.Env("LRC_ADVERTISED_ADDRESS")["value"]);
        var names = rendered.SiloContainer["env"]!.AsArray().Select(e => (string?)e!["name"]).ToList();
        Assert.True(names.IndexOf("POD_IP") < names.IndexOf("LRC_ADVERTISED_ADDRESS"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Store_url_and_token_come_from_secrets(string path)
    {
        var rendered = Rendered.Of(path);

        foreach (var (variable, secret, key) in new[] { ("LRC_STORE", "lrc-store", "url"), ("LRC_TOKEN", "lrc-api-token", "token") })
        {
            var env = rendered.Env(variable);
            Assert.Null(env["value"]);
            var reference = env["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal(key, (string?)reference["key"]);
            var name = (string?)reference["name"];
            Assert.True(name == secret || name!.StartsWith(secret + "-", StringComparison.Ordinal), $"{variable} reads secret {name}");
            if (path == "overlays/dev")
            {
                // The dev overlay generates it; kustomize must have rewritten the reference to the hashed name.
                Assert.NotNull(rendered.Find("Secret", name));
            }
        }

        foreach (var key in rendered.SiloConfig.Select(kv => kv.Key))
        {
            Assert.DoesNotContain(key, new[] { "LRC_STORE", "LRC_TOKEN" });
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/gpu")]
    public void Base_and_production_carry_no_secret_values(string path)
    {
        var rendered = Rendered.Of(path);

        Assert.Empty(rendered.OfKind("Secret"));
        Assert.DoesNotContain("postgres://", rendered.Yaml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password", rendered.Yaml, StringComparison.OrdinalIgnoreCase);
        foreach (var env in rendered.SiloContainer["env"]!.AsArray())
        {
            // The one literal is a reference to the downward API's pod IP.
            Assert.True(env!["value"] is null || (string?)env["value"] == "$(POD_IP)", $"{env["name"]} has a literal value");
        }
    }

    [Fact]
    public void Dev_secrets_are_obvious_dev_only_literals_pointing_at_the_in_cluster_postgres()
    {
        var rendered = Rendered.Of("overlays/dev");

        foreach (var secret in rendered.OfKind("Secret"))
        {
            foreach (var (key, value) in secret["data"]!.AsObject())
            {
                var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(((string?)value)!.Replace("\n", "", StringComparison.Ordinal)));
                if (key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || key is "url" or "token")
                {
                    Assert.Contains("dev-only", text, StringComparison.Ordinal);
                }

                if (key == "url")
                {
                    Assert.StartsWith("postgres://lrc:", text, StringComparison.Ordinal);
                    Assert.Contains("@lrc-postgres:5432/lrc", text, StringComparison.Ordinal);
                }
            }
        }

        var postgres = rendered.Single("StatefulSet", "lrc-postgres");
        Assert.Single(postgres["spec"]!["volumeClaimTemplates"]!.AsArray());
        rendered.Single("Service", "lrc-postgres");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_grace_period_outlasts_the_silos_shutdown_timeout(string path)
    {
        var rendered = Rendered.Of(path);

        var grace = (int)rendered.SiloPod["terminationGracePeriodSeconds"]!;
        var shutdown = int.Parse((string)rendered.SiloConfig["LRC_SHUTDOWN_TIMEOUT_SECONDS"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace >= 60, $"terminationGracePeriodSeconds {grace}");
        Assert.True(grace >= shutdown + 15, $"grace period {grace} s leaves too little over the {shutdown} s shutdown timeout");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void No_service_account_token_is_mounted(string path)
    {
        var rendered = Rendered.Of(path);

        var account = rendered.Single("ServiceAccount", "lrc-silo");
        Assert.False((bool)account["automountServiceAccountToken"]!);
        Assert.Equal("lrc-silo", (string?)rendered.SiloPod["serviceAccountName"]);
        Assert.False((bool)rendered.SiloPod["automountServiceAccountToken"]!);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_gateway_service_exposes_port_8080_of_the_silos(string path)
    {
        var rendered = Rendered.Of(path);

        var service = rendered.Single("Service", "lrc-gateway");
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray());
        Assert.Equal(8080, (int)port!["port"]!);
        Assert.Equal("http", (string?)port["targetPort"]);
        AssertSelects(service["spec"]!["selector"]!.AsObject(), rendered);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_disruption_budget_lets_drains_take_one_silo_at_a_time(string path)
    {
        var rendered = Rendered.Of(path);

        var pdb = rendered.Single("PodDisruptionBudget", "lrc-silo");
        Assert.Equal(1, (int)pdb["spec"]!["maxUnavailable"]!);
        AssertSelects(pdb["spec"]!["selector"]!["matchLabels"]!.AsObject(), rendered);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_network_policy_admits_the_gateway_and_monitoring_and_lets_out_only_dns_and_postgres(string path)
    {
        var rendered = Rendered.Of(path);

        var policy = rendered.Single("NetworkPolicy", "lrc-silo");
        var spec = policy["spec"]!;
        AssertSelects(spec["podSelector"]!["matchLabels"]!.AsObject(), rendered);
        Assert.Equal(["Ingress", "Egress"], spec["policyTypes"]!.AsArray().Select(x => (string?)x));

        var ingress = spec["ingress"]!.AsArray().Where(rule => rule!["ports"]!.AsArray().All(p => (string?)p!["port"] == "http")).ToList();
        Assert.Equal(spec["ingress"]!.AsArray().Count - 1, ingress.Count);
        var sources = ingress.SelectMany(rule => rule!["from"]!.AsArray()).ToList();
        Assert.Contains(sources, s => s!["podSelector"] is JsonObject { Count: 0 } && s["namespaceSelector"] is null);
        Assert.Contains(sources, s => (string?)s!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == "monitoring");

        var egressPorts = spec["egress"]!.AsArray().Where(rule => !IsSiloToSilo(rule!, rendered)).SelectMany(rule => rule!["ports"]!.AsArray())
            .Select(p => $"{p!["port"]}/{p["protocol"]}").Order().ToList();
        Assert.Equal(["53/TCP", "53/UDP", "5432/TCP"], egressPorts);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Orleans_ports_are_open_only_between_silo_pods(string path)
    {
        var rendered = Rendered.Of(path);
        var spec = rendered.Single("NetworkPolicy", "lrc-silo")["spec"]!;

        // In: the one rule naming an Orleans port names only those ports, and only silo pods of this namespace as peers.
        var orleansIn = Assert.Single(spec["ingress"]!.AsArray(), rule => rule!["ports"]!.AsArray().Any(p => (string?)p!["port"] != "http"))!;
        Assert.Equal(["orleans-silo/TCP", "orleans-gateway/TCP"], orleansIn["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));
        Assert.True(IsSiloToSilo(orleansIn, rendered));
        Assert.All(spec["ingress"]!.AsArray().Where(r => r != orleansIn), r =>
            Assert.All(r!["ports"]!.AsArray(), p => Assert.Equal("http", (string?)p!["port"])));

        // Out: the Orleans ports (by number: egress ports name the peer's port) to silo pods only.
        var orleansOut = Assert.Single(spec["egress"]!.AsArray(), rule => IsSiloToSilo(rule!, rendered))!;
        Assert.Equal(["11111/TCP", "30000/TCP"], orleansOut["ports"]!.AsArray().Select(p => $"{p!["port"]}/{p["protocol"]}"));
        Assert.DoesNotContain(spec["egress"]!.AsArray(), rule => rule != orleansOut
            && rule!["ports"]!.AsArray().Any(p => (int?)p!["port"] is 11111 or 30000));
    }

    private static bool IsSiloToSilo(JsonNode rule, Rendered rendered)
    {
        var peers = (rule["from"] ?? rule["to"])?.AsArray();
        if (peers is null || peers.Count != 1 || peers[0]!["namespaceSelector"] is not null || peers[0]!["podSelector"]?["matchLabels"] is not JsonObject labels)
        {
            return false;
        }

        var silo = rendered.Silo["spec"]!["selector"]!["matchLabels"]!.AsObject();
        return labels.Count == silo.Count && silo.All(kv => (string?)labels[kv.Key] == (string?)kv.Value);
    }

    private static int Port(JsonNode container, string name) =>
        (int)Assert.Single(container["ports"]!.AsArray(), p => (string?)p!["name"] == name)!["containerPort"]!;

    [Theory]
    [MemberData(nameof(Paths))]
    public void Pods_are_annotated_for_prometheus_on_the_gateway_port(string path)
    {
        var annotations = Rendered.Of(path).Silo["spec"]!["template"]!["metadata"]!["annotations"]!;

        Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
        Assert.Equal("8080", (string?)annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/gpu")]
    public void A_pod_monitor_scrapes_metrics_on_the_gateway_port(string path)
    {
        var rendered = Rendered.Of(path);

        var monitor = rendered.Single("PodMonitor", "lrc-silo");
        Assert.Equal("monitoring.coreos.com/v1", (string?)monitor["apiVersion"]);
        var endpoint = Assert.Single(monitor["spec"]!["podMetricsEndpoints"]!.AsArray());
        Assert.Equal("http", (string?)endpoint!["port"]);
        Assert.Equal("/metrics", (string?)endpoint["path"]);
        AssertSelects(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), rendered);
    }

    [Fact]
    public void The_gpu_overlay_asks_for_a_gpu_on_gpu_nodes_and_runs_the_cuda_image()
    {
        var rendered = Rendered.Of("overlays/gpu");

        var resources = rendered.SiloContainer["resources"]!;
        Assert.Equal(1, (int)resources["limits"]!["nvidia.com/gpu"]!);
        Assert.Equal("true", (string?)rendered.SiloPod["nodeSelector"]!["nvidia.com/gpu.present"]);
        Assert.Contains(rendered.SiloPod["tolerations"]!.AsArray(), t =>
            (string?)t!["key"] == "nvidia.com/gpu" && (string?)t["effect"] == "NoSchedule" && (string?)t["operator"] == "Exists");
        Assert.Equal("0", (string?)rendered.SiloConfig["LRC_GPUS"]);
        Assert.Contains("cuda", (string?)rendered.SiloContainer["image"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("base")]
    [InlineData("overlays/dev")]
    public void Without_the_gpu_overlay_nothing_asks_for_a_gpu(string path)
    {
        var rendered = Rendered.Of(path);

        Assert.DoesNotContain("nvidia.com", rendered.Silo.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(rendered.SiloPod["tolerations"]);
        Assert.Null(rendered.SiloPod["nodeSelector"]);
        Assert.DoesNotContain("LRC_GPUS", rendered.SiloConfig.Select(kv => kv.Key));
    }

    [Fact]
    public void The_dev_overlay_runs_cpu_slots_and_its_own_prometheus_and_grafana()
    {
        var rendered = Rendered.Of("overlays/dev");

        Assert.Equal("2", (string?)rendered.SiloConfig["LRC_SLOTS"]);
        Assert.Empty(rendered.OfKind("PodMonitor"));
        rendered.Single("Deployment", "lrc-prometheus");
        var grafana = rendered.Single("Deployment", "lrc-grafana")["spec"]!["template"]!["spec"]!;
        var volumes = grafana["volumes"]!.AsArray().Select(v => (string?)v!["configMap"]?["name"]).OfType<string>().ToList();
        foreach (var configMap in volumes)
        {
            Assert.NotNull(rendered.Find("ConfigMap", configMap));
        }

        Assert.Contains("lrc-grafana-dashboards", volumes);

        var config = Yaml.LoadOne((string)rendered.Generated("ConfigMap", "lrc-prometheus-config")["data"]!["prometheus.yml"]!);
        var job = Assert.Single(config["scrape_configs"]!.AsArray());
        Assert.Contains("__meta_kubernetes_pod_annotation_prometheus_io_scrape", job!.ToJsonString(), StringComparison.Ordinal);
    }

    private static void AssertSelects(JsonObject selector, Rendered rendered)
    {
        var labels = rendered.Silo["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.NotEmpty(selector);
        foreach (var (key, value) in selector)
        {
            Assert.Equal((string?)value, (string?)labels[key]);
        }
    }
}
