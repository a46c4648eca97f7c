
TEST_CASE("tricky and hostile YAML: patched correctly or written canonically, never a wrong file", "[preserving]") {
    std::string deep = "root:\n";
    for (int i = 0; i < 400; ++i) deep += std::string(static_cast<std::size_t>(2 * i + 2), ' ') + "k" + std::to_string(i) + ":\n";
    deep += std::string(802, ' ') + "leaf: 1\n";
    const std::vector<std::string> texts = {
        "%YAML 1.2\n---\na: 1 # c\nb: [1, {c: \"]\"}]\n...\n",
        "--- {a: 1, b: 2}\n",
        "a: &x {k: v}\nb: *x\nc: 1\n",
        "a: !!str 12\nb: ! 3\nc:\n  - !!int 4\n",
        "a: |2\n    indented\n   less\nb: >+\n  kept\n\n\nc: 'it''s'\n",
        "a:\n  - - x\n    - y\n  - - z\n",
        "\"quoted key\": 1\n'single': 2\n\"esc\\tkey\": 3\nplain: \"x\" # \"not a key: here\"\n",
        "a: 1\t# tab before comment\nb:\t2\n",
        "\xEF\xBB\xBF" "a: bom\nb: 2\n",
        "a: x\n  y\n\n  z\nb: 'multi\n  line'\nc: \"dq\n  line\"\n",
        "a: {}\nb: []\nc: ~\nd:\n",
        deep,
        "a: [1, [2, [3, [4, [5]]]]]\nb: 1\n",
    };
    for (const std::string& text : texts) {
        auto loaded = parseDocument(text, Format::Yaml);
        INFO(text);
        REQUIRE(loaded.ok());
        const Json before = loaded.document->root;
        const Json flat = before.flatten();
        std::vector<Json> variants;
        Json added = before;
        added["zz-new"] = Json{{"nested", Json::array({1, "two"})}};
        variants.push_back(added);
        for (auto it = flat.begin(); it != flat.end(); ++it) {
            Json changed = before;
            changed[JsonPointer(it.key())] = "changed value";
            variants.push_back(changed);
            Json grown = before;
            const JsonPointer parent = JsonPointer(it.key()).parent_pointer();
            if (grown[parent].is_array()) grown[parent].push_back("appended");
            else grown[parent]["appended"] = 7;
            variants.push_back(grown);
        }
        for (const Json& after : variants) {
            std::string why;
            const auto patched = patchText(text, Format::Yaml, before, after, &why);
            if (!patched) {
                CHECK_FALSE(why.empty());
                continue;
            }
            auto back = parseDocument(*patched, Format::Yaml);
            REQUIRE(back.ok());
            CHECK(back.document->root == after);
        }
    }
}
