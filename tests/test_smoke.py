def test_seeded_store_answers(assistant):
    result = assistant.ask("How fast is the AI engineer role growing?")
    assert "third-fastest" in result["answer"]
    assert result["citations"][0]["reference"]["url"].startswith("https://www.linkedin.com/")
