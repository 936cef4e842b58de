package dev.wharf.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real headless Chromium, as its users meet it: they sign in with keys made
 * by iam CreateAccessKey, find the repository skopeo pushed, its tag and size, the image's layers
 * and configuration; an invalid policy shows the API's error; a lifecycle rule's preview names the
 * image it would expire; a user without rights is told which action was denied; and the browser
 * never keeps the long-term secret. Screenshots land in target/console-screenshots (or the folder
 * named by -Dconsole.screenshots, e.g. docs/images to refresh the documentation's pictures).
 */
@Tag(ExternalProcess.TAG)
class ConsoleBrowserTest {
    static final String REPO = "team-a/web-app";
    static final String OTHER = "team-b/api";
    static final String DOOMED = "scratch/doomed";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    @TempDir
    static Path tmp;
    static TestServer server;
    static AccessKey admin;
    static AccessKey nobody;
    static AccessKey browser;
    static OciLayout.Descriptor v1;
    static OciLayout.Descriptor v2;
    static OciLayout.Descriptor sbom;

    static Chromium chromium;

    @BeforeAll
    static void pushImagesAndMakeUsers() {
        assumeTrue(Chromium.installed(), "Debian's chromium and chromium-driver are not installed (bin/test installs them)");
        server = TestServer.start();
        try (IamClient iam = server.iam(); EcrClient root = server.ecr()) {
            iam.createUser(r -> r.userName("console-admin"));
            iam.putUserPolicy(r -> r.userName("console-admin").policyName("admin").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:*","iam:*","cloudtrail:LookupEvents"],"Resource":"*"}]}"""));
            admin = iam.createAccessKey(r -> r.userName("console-admin")).accessKey();
            iam.createUser(r -> r.userName("no-rights"));
            nobody = iam.createAccessKey(r -> r.userName("no-rights")).accessKey();
            iam.createUser(r -> r.userName("ci"));
            iam.createUser(r -> r.userName("browse-only"));
            iam.putUserPolicy(r -> r.userName("browse-only").policyName("look").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:Describe*","ecr:List*"],"Resource":"*"}]}"""));
            browser = iam.createAccessKey(r -> r.userName("browse-only")).accessKey();

            root.createRepository(r -> r.repositoryName(REPO));
            root.createRepository(r -> r.repositoryName(OTHER));
            root.createRepository(r -> r.repositoryName(DOOMED));
            OciLayout layout = new OciLayout(tmp.resolve("images"));
            v1 = richImage(layout, "v1", 1, 300_000, 40_000);
            v2 = richImage(layout, "v2", 2, 350_000, 60_000, 5_000);
            OciLayout.Descriptor api = richImage(layout, "1.0", 3, 900_000);
            Skopeo skopeo = Skopeo.loggedIn(server, root);
            skopeo.push(layout.reference("v1"), REPO, "v1").expectOk();
            skopeo.push(layout.reference("v2"), REPO, "v2").expectOk();
            skopeo.push(layout.reference("1.0"), OTHER, "1.0").expectOk();
            skopeo.push(layout.reference("1.0"), DOOMED, "1.0").expectOk();
            Map<OciLayout.Descriptor, String> platforms = new LinkedHashMap<>();
            platforms.put(layout.image("linux", "amd64", 4, 20_000), "linux/amd64");
            platforms.put(layout.image("linux", "arm64", 5, 20_000), "linux/arm64");
            layout.tag("multi", layout.index(platforms));
            skopeo.push(layout.reference("multi"), OTHER, "multi", "--all").expectOk();
            sbom = layout.artifact("application/spdx+json", v2, "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8));
            pushArtifact(layout, sbom);
            assertThat(api.digest()).startsWith("sha256:");
        }
    }

    /**
     * An image whose config has what the image page shows: entrypoint, environment, labels and
     * history, one history step per layer. Layers are gzip'd random bytes (a registry stores
     * layers without looking inside).
     */
    static OciLayout.Descriptor richImage(OciLayout layout, String tag, long seed, int... layerSizes) {
        Random random = new Random(seed);
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux")
                .put("created", "2026-01-0" + seed + "T10:00:00Z");
        ObjectNode c = config.putObject("config");
        c.putArray("Entrypoint").add("/usr/bin/web-app").add("--serve");
        c.putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin").add("APP_VERSION=" + tag);
        c.putObject("Labels").put("org.opencontainers.image.source", "https://example.com/web-app").put("team", "a");
        ArrayNode diffIds = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        ArrayNode layers = JSON.createArrayNode();
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] data = new byte[layerSizes[i]];
            random.nextBytes(data);
            diffIds.add(OciClient.sha256(data));
            history.addObject().put("created", "2026-01-0" + seed + "T10:00:0" + i + "Z").put("created_by", "COPY layer-" + i + " /opt/app/");
            layers.add(descriptor(layout.blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(data))));
        }
        OciLayout.Descriptor cfg = layout.blob(OciLayout.OCI_CONFIG, config.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode m = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", OciLayout.OCI_MANIFEST);
        m.set("config", descriptor(cfg));
        m.set("layers", layers);
        OciLayout.Descriptor image = layout.blob(OciLayout.OCI_MANIFEST, m.toString().getBytes(StandardCharsets.UTF_8));
        layout.tag(tag, image);
        return image;
    }

    static ObjectNode descriptor(OciLayout.Descriptor d) {
        return JSON.createObjectNode().put("mediaType", d.mediaType()).put("digest", d.digest()).put("size", d.size());
    }

    static void pushArtifact(OciLayout layout, OciLayout.Descriptor artifact) {
        OciClient oci = OciClient.of(server);
        for (String digest : layout.closure(artifact.digest())) {
            if (!digest.equals(artifact.digest())) oci.pushBlob(REPO, layout.read(digest));
        }
        OciClient.expect(oci.send("PUT", "/v2/" + REPO + "/manifests/" + artifact.digest(),
                Map.of("Content-Type", OciLayout.OCI_MANIFEST), layout.read(artifact.digest())), 201);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @BeforeAll
    static void openBrowser() {
        chromium = new Chromium(1280, 900, SHOTS);
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) chromium.close();
        } finally {
            if (server != null) server.close();
        }
    }

    /** Each test starts signed out, on a fresh page, at desktop size. */
    @BeforeEach
    void signedOut() {
        chromium.driver.get(server.url() + "/console/");
        chromium.driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        chromium.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        chromium.driver.navigate().refresh();
    }

    @AfterEach
    void noSecretKept() {
        assertNoLongTermSecretInTheBrowser();
    }

    void signIn(AccessKey key) {
        chromium.driver.get(server.url() + "/console/");
        chromium.labelled("Access key ID").sendKeys(key.accessKeyId());
        chromium.labelled("Secret access key").sendKeys(key.secretAccessKey());
        chromium.button("Sign in").click();
        chromium.visible(By.id("signout"));
    }

    /** No user's long-term secret is in any storage the page can reach. */
    void assertNoLongTermSecretInTheBrowser() {
        Object stored = chromium.driver.executeScript("""
                const all = [];
                for (const s of [localStorage, sessionStorage])
                  for (let i = 0; i < s.length; i++) all.push(s.key(i) + '=' + s.getItem(s.key(i)));
                all.push(document.cookie);
                return all.join('\\n');""");
        for (AccessKey key : List.of(admin, nobody, browser)) {
            assertThat(String.valueOf(stored)).doesNotContain(key.secretAccessKey());
            assertThat(chromium.driver.manage().getCookies()).allSatisfy(c -> assertThat(c.getValue()).doesNotContain(key.secretAccessKey()));
        }
    }

    @Test
    void aSignedInUserFindsThePushedRepositoryItsTagsSizeAndTheImagesLayers() {
        signIn(admin);
        WebElement row = chromium.visible(By.cssSelector("tr[data-repository='" + REPO + "']"));
        chromium.until(d -> !row.getText().contains("…"), "waiting for the image count and size");
        // v1, v2 and the SBOM that refers to v2
        assertThat(row.findElement(By.cssSelector("td[data-label='Images']")).getText()).isEqualTo("3");
        assertThat(row.findElement(By.cssSelector("td[data-label='Total size']")).getText()).endsWith("KB");
        assertThat(row.findElements(By.cssSelector("td[data-label='Latest tags'] a.tag"))).extracting(WebElement::getText)
                .containsExactly("v2", "v1");
        chromium.visible(By.cssSelector("tr[data-repository='" + OTHER + "']"));
        chromium.screenshot("repositories");

        chromium.driver.findElement(By.linkText(REPO)).click();
        WebElement image = chromium.visible(By.cssSelector("tr[data-digest='" + v1.digest() + "']"));
        assertThat(image.getText()).contains("v1").contains("KB");
        WebElement referrer = chromium.visible(By.cssSelector("tr[data-digest='" + sbom.digest() + "']"));
        assertThat(referrer.getText()).contains("referrer").contains("application/spdx+json");
        chromium.screenshot("repository");

        chromium.driver.findElement(By.linkText("v1")).click();
        chromium.sees("Layers (2)");
        OciLayout layout = new OciLayout(tmp.resolve("images"));
        for (OciLayout.Descriptor layer : layout.layers(v1)) chromium.sees(layer.digest());
        chromium.sees("/usr/bin/web-app");
        chromium.sees("APP_VERSION=v1");
        chromium.sees("COPY layer-1 /opt/app/");
        chromium.sees("org.opencontainers.image.source");
        chromium.screenshot("image");
        chromium.driver.findElement(By.xpath("//summary[normalize-space(.)='Raw manifest JSON']")).click();
        chromium.sees("\"schemaVersion\": 2");
    }

    @Test
    void anInvalidRepositoryPolicyIsRefusedWithTheApisMessageBesideTheEditor() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F") + "/permissions");
        WebElement editor = chromium.labelled("Policy document (JSON)");
        editor.sendKeys("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:BatchGetImage\"}]}");
        chromium.button("Save policy").click();
        WebElement error = chromium.visible(By.cssSelector("#policy-text-error .alert"));
        assertThat(error.getText()).contains("InvalidParameterException");
        assertThat(editor.getAttribute("aria-invalid")).isEqualTo("true");
        chromium.screenshot("policy-error");

        editor.clear();
        editor.sendKeys("{\"Version\": \"2012-10-17\",\n \"Statement\": [ }");
        chromium.button("Save policy").click();
        chromium.sees("The error is at line 2, column 17.");
    }

    @Test
    void thePolicySimulatorSaysWhoMayPull() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F") + "/permissions");
        WebElement principal = chromium.labelled("Principal");
        chromium.until(d -> principal.getText().contains("user no-rights"), "waiting for the principals");
        new Select(principal).selectByVisibleText("user no-rights");
        chromium.button("Check").click();
        WebElement result = chromium.visible(By.cssSelector("#sim-result table"));
        assertThat(result.getText()).contains("ecr:BatchGetImage").contains("Denied (no allow)").doesNotContain("Allowed");

        new Select(principal).selectByVisibleText("user console-admin");
        chromium.button("Check").click();
        chromium.until(d -> d.findElement(By.cssSelector("#sim-result table")).getText().contains("Allowed"), "waiting for the new answer");
        WebElement pull = chromium.driver.findElement(By.xpath("//div[@id='sim-result']//tr[td[normalize-space(.)='ecr:BatchGetImage']]"));
        assertThat(pull.getText()).contains("Allowed").contains("statement 1 of user policy admin");
        chromium.screenshot("who-can-do-what");
    }

    @Test
    void aLifecycleRulesPreviewListsTheImageItWouldExpire() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F") + "/lifecycle");
        WebElement editor = chromium.labelled("Lifecycle policy (JSON)");
        editor.sendKeys("""
                {"rules":[{"rulePriority":1,"description":"keep the newest tagged image",
                "selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":1},
                "action":{"type":"expire"}}]}""");
        chromium.button("Preview").click();
        WebElement result = chromium.visible(By.cssSelector("#preview-result table"));
        assertThat(result.getText()).contains("v1").doesNotContain("v2");
        chromium.sees("1 image would expire");
        chromium.screenshot("lifecycle-preview");
    }

    @Test
    void aUserWithoutRightsIsToldWhichActionWasDenied() {
        signIn(nobody);
        WebElement denial = chromium.visible(By.cssSelector(".alert.denied"));
        assertThat(denial.getText()).contains("Not authorized: ecr:DescribeRepositories").contains("AccessDeniedException");
        chromium.screenshot("not-authorized");
    }

    @Test
    void aUserWhoMayListButNotPullIsToldThatBatchGetImageWasDenied() {
        signIn(browser);
        chromium.visible(By.linkText(REPO)).click();
        chromium.visible(By.linkText("v1")).click();
        WebElement denial = chromium.visible(By.cssSelector(".alert.denied"));
        assertThat(denial.getText()).contains("Not authorized: ecr:BatchGetImage")
                .contains("is not authorized to perform: ecr:BatchGetImage");
    }

    @Test
    void anImagesPageListsTheArtifactsThatReferToIt() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F") + "/images/"
                + v2.digest().replace(":", "%3A"));
        WebElement section = chromium.visible(By.xpath("//section[h2[normalize-space(.)='Referrers']]"));
        chromium.until(d -> section.getText().contains("application/spdx+json"), "waiting for the SBOM");
    }

    @Test
    void wrongKeysAreRefusedAtSignInWithSTSsMessage() {
        chromium.driver.get(server.url() + "/console/");
        chromium.labelled("Access key ID").sendKeys(admin.accessKeyId());
        chromium.labelled("Secret access key").sendKeys("not-the-secret" + Keys.ENTER);
        WebElement error = chromium.visible(By.cssSelector("#signin-error .alert"));
        assertThat(error.getText()).contains("SignatureDoesNotMatch");
        assertThat(chromium.labelled("Secret access key").getAttribute("value")).isEmpty();
    }

    @Test
    void signingOutForgetsTheSessionAndShowsTheSignInForm() {
        signIn(admin);
        chromium.visible(By.cssSelector("tr[data-repository='" + REPO + "']"));
        assertThat(String.valueOf(chromium.driver.executeScript("return sessionStorage.length"))).isEqualTo("1");
        chromium.button("Sign out").click();
        chromium.labelled("Access key ID");
        assertThat(String.valueOf(chromium.driver.executeScript("return sessionStorage.length + localStorage.length"))).isEqualTo("0");
        chromium.driver.navigate().refresh();
        chromium.labelled("Access key ID");
    }

    @Test
    void aSessionPastItsExpiryIsSignedOut() {
        signIn(admin);
        chromium.visible(By.cssSelector("tr[data-repository='" + REPO + "']"));
        // The stored session as if its Expiration had passed: a reload finds it expired and signs out.
        chromium.driver.executeScript("""
                const k = 'wharf.console.session';
                const s = JSON.parse(sessionStorage.getItem(k));
                s.expiration = Date.now() - 1000;
                sessionStorage.setItem(k, JSON.stringify(s));""");
        chromium.driver.navigate().refresh();
        chromium.labelled("Access key ID");
        assertThat(chromium.driver.findElements(By.id("signout")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
    }

    @Test
    void theRepositoryPageFitsAPhoneScreen() {
        chromium.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F"));
        chromium.visible(By.cssSelector("tr[data-digest='" + v1.digest() + "']"));
        Object overflow = chromium.driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        chromium.screenshot("repository-phone");
    }

    @Test
    void atTwiceTheZoomTheImagePageStillFitsItsWindow() {
        // 200 % zoom of a 1280 px window lays the page out in 640 CSS pixels at two device pixels each.
        chromium.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 640, "height", 900, "deviceScaleFactor", 2, "mobile", false));
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F") + "/images/"
                + v2.digest().replace(":", "%3A"));
        chromium.sees("Layers (3)");
        Object overflow = chromium.driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    }

    @Test
    void signInWorksFromTheKeyboardAlone() {
        WebElement first = chromium.driver.switchTo().activeElement();
        assertThat(first.getAttribute("id")).isEqualTo("akid");
        first.sendKeys(admin.accessKeyId() + Keys.TAB);
        chromium.driver.switchTo().activeElement().sendKeys(admin.secretAccessKey() + Keys.ENTER);
        chromium.visible(By.cssSelector("tr[data-repository='" + REPO + "']"));
    }

    @Test
    void anIndexOpensToItsPlatforms() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + OTHER.replace("/", "%2F"));
        WebElement multi = chromium.visible(By.xpath("//tr[.//a[normalize-space(.)='multi']]"));
        assertThat(multi.getText()).contains("multi-platform index");
        multi.findElement(By.xpath(".//summary[normalize-space(.)='Platforms']")).click();
        chromium.until(d -> multi.getText().contains("linux/arm64"), "waiting for the index's platforms");
        assertThat(multi.getText()).contains("linux/amd64");
    }

    @Test
    void theTagStatusFilterAsksTheApiForUntaggedImagesOnly() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + REPO.replace("/", "%2F"));
        chromium.visible(By.cssSelector("tr[data-digest='" + v1.digest() + "']"));
        new Select(chromium.labelled("Tag status")).selectByVisibleText("Untagged");
        chromium.until(d -> d.findElements(By.cssSelector("tr[data-digest='" + v1.digest() + "']")).isEmpty(), "waiting for v1 to go");
        chromium.visible(By.cssSelector("tr[data-digest='" + sbom.digest() + "']"));
    }

    @Test
    void creatingARepositoryShowsTheApisValidationMessageAndDeletingAFullOneNeedsForce() {
        signIn(admin);
        chromium.visible(By.xpath("//summary[normalize-space(.)='Create repository']")).click();
        chromium.labelled("Repository name").sendKeys("Not A Valid Name");
        chromium.button("Create repository").click();
        WebElement error = chromium.visible(By.cssSelector("#create-repository .alert"));
        assertThat(error.getText()).contains("InvalidParameterException").contains("repositoryName");

        WebElement doomed = chromium.visible(By.cssSelector("tr[data-repository='" + DOOMED + "']"));
        doomed.findElement(By.xpath(".//button[normalize-space(.)='Delete']")).click();
        chromium.labelled("Type " + DOOMED + " to confirm").sendKeys(DOOMED);
        chromium.driver.findElement(By.cssSelector("dialog .buttons button.danger")).click();
        chromium.visible(By.cssSelector("dialog .alert"));
        assertThat(chromium.driver.findElement(By.cssSelector("dialog .alert")).getText()).contains("RepositoryNotEmptyException");
        chromium.screenshot("delete-repository");
        chromium.labelled("Also delete its images (force)").click();
        chromium.driver.findElement(By.cssSelector("dialog .buttons button.danger")).click();
        chromium.until(d -> d.findElements(By.cssSelector("tr[data-repository='" + DOOMED + "']")).isEmpty(), "waiting for the row to go");
        try (EcrClient root = server.ecr()) {
            assertThat(root.describeRepositories().repositories()).noneMatch(r -> r.repositoryName().equals(DOOMED));
        }
    }

    @Test
    void anAccessKeyIsCreatedDeactivatedAndDeletedFromTheUsersPage() {
        signIn(admin);
        chromium.visible(By.linkText("IAM")).click();
        chromium.visible(By.linkText("ci")).click();
        chromium.button("Create access key").click();
        chromium.sees("Copy the secret now");
        String keyId;
        try (IamClient iam = server.iam()) {
            List<software.amazon.awssdk.services.iam.model.AccessKeyMetadata> keys = iam.listAccessKeys(r -> r.userName("ci")).accessKeyMetadata();
            assertThat(keys).hasSize(1);
            keyId = keys.get(0).accessKeyId();
            chromium.sees(keyId);
            chromium.screenshot("iam-user");
            chromium.button("Deactivate").click();
            chromium.button("Activate");
            assertThat(iam.listAccessKeys(r -> r.userName("ci")).accessKeyMetadata().get(0).statusAsString()).isEqualTo("Inactive");
            chromium.button("Delete").click();
            chromium.driver.switchTo().alert().accept();
            chromium.until(d -> !chromium.bodyText().contains(keyId), "waiting for the key to go");
            assertThat(iam.listAccessKeys(r -> r.userName("ci")).accessKeyMetadata()).isEmpty();
        }
    }

    @Test
    void insightsDrawStorageByRepositoryAndTodaysPushesAndPullsFromTheAuditTrail() {
        try (EcrClient root = server.ecr()) {
            Skopeo.loggedIn(server, root).pull(REPO + ":v1", tmp.resolve("pulled"), "v1").expectOk();
        }
        signIn(admin);
        chromium.visible(By.linkText("Insights")).click();
        chromium.visible(By.cssSelector("svg.chart.columns"));
        Object titles = chromium.driver.executeScript(
                "return [...document.querySelectorAll('svg.chart title')].map((t) => t.textContent).join('\\n')");
        assertThat(String.valueOf(titles)).contains(REPO + ": ").contains(OTHER + ": ");
        // The table beside the chart: its last row is today, as Day, pushed, pulled.
        Object today = chromium.driver.executeScript("""
                const rows = document.querySelectorAll('table.chart-table tbody tr');
                return [...rows[rows.length - 1].children].map((c) => c.textContent);""");
        assertThat((List<?>) today).hasSize(3);
        assertThat(Integer.parseInt(String.valueOf(((List<?>) today).get(1)))).as("pushes today").isPositive();
        assertThat(Integer.parseInt(String.valueOf(((List<?>) today).get(2)))).as("pulls today").isPositive();
        chromium.screenshot("insights");
    }

    @Test
    void insightsSayWhenTheAuditTrailMayNotBeRead() {
        signIn(browser);
        chromium.visible(By.linkText("Insights")).click();
        WebElement denial = chromium.visible(By.cssSelector("section[aria-labelledby='activity-title'] .alert.denied"));
        assertThat(denial.getText()).contains("Not authorized: cloudtrail:LookupEvents");
        assertThat(chromium.driver.findElements(By.cssSelector("svg.chart.columns"))).isEmpty();
    }

    @Test
    void overPlainHttpFromAnotherHostTheConsoleSignsWithoutWebCryptoAndSaysTheTrafficIsUnencrypted() {
        // A name that is not localhost makes the page an insecure context: no crypto.subtle.
        try (Chromium remote = new Chromium(1280, 900, SHOTS, "--host-resolver-rules=MAP wharf.test 127.0.0.1")) {
            remote.driver.get("http://wharf.test:" + server.port() + "/console/");
            assertThat(remote.driver.executeScript("return window.isSecureContext === false && !globalThis.crypto.subtle")).isEqualTo(true);
            remote.sees("not a secure context");
            remote.labelled("Access key ID").sendKeys(admin.accessKeyId());
            remote.labelled("Secret access key").sendKeys(admin.secretAccessKey());
            remote.button("Sign in").click();
            remote.visible(By.cssSelector("tr[data-repository='" + REPO + "']"));
        }
    }

    @Test
    void aGroupIsCreatedGivenAManagedPolicyAndAMember() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/iam/groups");
        chromium.visible(By.xpath("//summary[normalize-space(.)='Create group']")).click();
        chromium.labelled("Group name").sendKeys("readers");
        chromium.button("Create group").click();
        chromium.sees("Group readers");
        new Select(chromium.labelled("Policy")).selectByVisibleText("AmazonEC2ContainerRegistryReadOnly");
        chromium.button("Attach").click();
        chromium.until(d -> chromium.bodyText().contains("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"), "waiting for the policy");
        chromium.driver.get(server.url() + "/console/#/iam/users/ci");
        new Select(chromium.labelled("Group")).selectByVisibleText("readers");
        chromium.button("Add to group").click();
        chromium.visible(By.linkText("readers"));
        try (IamClient iam = server.iam()) {
            assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("readers")).attachedPolicies())
                    .extracting(p -> p.policyName()).containsExactly("AmazonEC2ContainerRegistryReadOnly");
            assertThat(iam.getGroup(r -> r.groupName("readers")).users()).extracting(u -> u.userName()).containsExactly("ci");
        }
    }

    @Test
    void aRoleIsCreatedWithItsTrustPolicy() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/iam/roles");
        chromium.visible(By.xpath("//summary[normalize-space(.)='Create role']")).click();
        chromium.labelled("Role name").sendKeys("deployer");
        WebElement trust = chromium.labelled("Trust policy (who may assume the role)");
        trust.clear();
        trust.sendKeys("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + TestServer.ACCOUNT + ":user/ci\"},\"Action\":\"sts:AssumeRole\"}]}");
        chromium.button("Create role").click();
        chromium.sees("Role deployer");
        assertThat(chromium.labelled("Who may assume this role").getAttribute("value")).contains(":user/ci");
        try (IamClient iam = server.iam()) {
            assertThat(iam.getRole(r -> r.roleName("deployer")).role().arn()).endsWith(":role/deployer");
        }
    }

    @Test
    void aSavedLifecyclePolicyIsTheOneTheApiReturns() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + OTHER.replace("/", "%2F") + "/lifecycle");
        chromium.button("Insert example").click();
        chromium.button("Save lifecycle policy").click();
        chromium.sees("Saved.");
        try (EcrClient root = server.ecr()) {
            assertThat(root.getLifecyclePolicy(r -> r.repositoryName(OTHER)).lifecyclePolicyText()).contains("imageCountMoreThan");
        }
    }

    @Test
    void tagImmutabilityIsSetWithItsExclusions() {
        signIn(admin);
        chromium.driver.get(server.url() + "/console/#/repositories/" + OTHER.replace("/", "%2F") + "/permissions");
        new Select(chromium.labelled("Mode")).selectByVisibleText("IMMUTABLE_WITH_EXCLUSION");
        chromium.labelled("Exclusion filters").sendKeys("latest\ndev-*");
        chromium.button("Save tag mutability").click();
        chromium.sees("Now: IMMUTABLE_WITH_EXCLUSION (except latest, dev-*)");
        try (EcrClient root = server.ecr()) {
            var repo = root.describeRepositories(r -> r.repositoryNames(OTHER)).repositories().get(0);
            assertThat(repo.imageTagMutabilityAsString()).isEqualTo("IMMUTABLE_WITH_EXCLUSION");
            assertThat(repo.imageTagMutabilityExclusionFilters()).extracting(f -> f.filter()).containsExactly("latest", "dev-*");
        }
    }

    @Test
    void theJavaScriptSha256AndHmacAgreeWithWebCrypto() {
        chromium.driver.get(server.url() + "/console/");
        Object mismatches = chromium.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const { sha256, hmacSha256 } = await import('/console/js/sha256.js');
                  const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
                  const bad = [];
                  for (const n of [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 65536]) {
                    const data = crypto.getRandomValues(new Uint8Array(n));
                    if (hex(sha256(data)) !== hex(await crypto.subtle.digest('SHA-256', data))) bad.push('sha256/' + n);
                    for (const kl of [0, 32, 64, 65, 100]) {
                      const key = crypto.getRandomValues(new Uint8Array(kl || 1)).slice(0, kl);
                      const k = kl ? await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) : null;
                      if (k && hex(hmacSha256(key, data)) !== hex(await crypto.subtle.sign('HMAC', k, data))) bad.push('hmac/' + n + '/' + kl);
                    }
                  }
                  return bad;
                })().then(done, (e) => done(['error: ' + e]));""");
        assertThat((List<?>) mismatches).isEmpty();
    }
}
