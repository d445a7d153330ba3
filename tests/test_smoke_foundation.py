def test_feed_shows_a_posted_win(employee_client, story):
    response = employee_client.get("/")
    assert response.status_code == 200
    assert "Saved a guest&#x27;s anniversary" in response.text
