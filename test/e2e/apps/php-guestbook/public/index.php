<?php

declare(strict_types=1);

require __DIR__ . '/../src/Guestbook.php';

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$book = new Guestbook(getenv('GUESTBOOK_DB') ?: __DIR__ . '/../data/guestbook.sqlite');

if ($path === '/health') {
    header('Content-Type: application/json');
    echo json_encode(['status' => 'ok', 'entries' => count($book->latest(1000))]);
    return;
}

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $book->sign($_POST['name'] ?? '', $_POST['message'] ?? '');
    header('Location: /');
    return;
}

$entries = $book->latest();
?>
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Guestbook</title></head>
<body>
<h1>Guestbook</h1>
<form method="post">
  <input name="name" placeholder="Your name">
  <textarea name="message" placeholder="Say hello"></textarea>
  <button>Sign</button>
</form>
<?php foreach ($entries as $entry): ?>
  <article>
    <strong><?= htmlspecialchars($entry['name']) ?></strong>
    <time><?= htmlspecialchars($entry['created_at']) ?></time>
    <p><?= nl2br(htmlspecialchars($entry['message'])) ?></p>
  </article>
<?php endforeach ?>
</body>
</html>
